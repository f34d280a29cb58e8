import { ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type CreateActivityDto, NotificationsEvent, NotificationsPattern } from '@app/contracts';
import { NOTIFICATIONS_CLIENT, ACTIVITIES_CONFIG } from './activities.constants';
import { ActivitiesService } from './activities.service';
import { ActivitiesStore } from './activities.store';
import { UsersDirectory } from './users.directory';
import { SEED_IDS } from './seed.data';

/** Records what would go to notifications over TCP; can be told to fail like an unreachable peer. */
class RecordingNotificationsClient {
  readonly sent: Array<{ pattern: string; payload: unknown }> = [];
  readonly emitted: Array<{ pattern: string; payload: unknown }> = [];
  down = false;

  async send(pattern: string, payload: unknown): Promise<unknown> {
    if (this.down) throw new ServiceUnavailableException('notifications is unavailable: ECONNREFUSED');
    this.sent.push({ pattern, payload });
    return { uuid: 'n1' };
  }

  async emit(pattern: string, payload: unknown): Promise<void> {
    if (this.down) throw new ServiceUnavailableException('notifications is unavailable: ECONNREFUSED');
    this.emitted.push({ pattern, payload });
  }
}

describe('ActivitiesService', () => {
  let service: ActivitiesService;
  let notifications: RecordingNotificationsClient;

  beforeEach(async () => {
    notifications = new RecordingNotificationsClient();
    const module = await Test.createTestingModule({
      providers: [
        ActivitiesService,
        ActivitiesStore,
        UsersDirectory,
        { provide: ACTIVITIES_CONFIG, useValue: { storeMaxItems: 100 } },
        { provide: NOTIFICATIONS_CLIENT, useValue: notifications },
      ],
    }).compile();
    service = module.get(ActivitiesService);
  });

  const dto = (message: string, handle = 'worf'): CreateActivityDto => ({ handle, message, ttl: '1-day' });

  it("creates an activity with the author's display name and the ttl's lifetime", async () => {
    const activity = await service.create(dto('Today is a good day'));
    expect(activity).toMatchObject({ handle: 'worf', display_name: 'Worf', replies: [], replies_count: 0 });
    expect(Date.parse(activity.expires_at) - Date.parse(activity.created_at)).toBe(24 * 60 * 60 * 1000);
    expect(service.home()[0]).toBe(activity);
  });

  it('emits one event with the mentions, leaving out the author, and none without mentions', async () => {
    await service.create(dto('no mentions here'));
    expect(notifications.emitted).toEqual([]);
    const activity = await service.create(dto('@garek @Worf @garek @andrewbrown'));
    expect(notifications.emitted).toEqual([
      { pattern: NotificationsEvent.ActivityCreated, payload: { activity, mentions: ['garek', 'andrewbrown'] } },
    ]);
  });

  it('still creates the activity when the event cannot be delivered', async () => {
    notifications.down = true;
    const activity = await service.create(dto('hello @garek'));
    expect(service.get(activity.uuid)).toBe(activity);
  });

  it("a reply has notifications acknowledge the author's notification", async () => {
    const reply = await service.reply(SEED_IDS.garekActivity, { handle: 'andrewbrown', message: 'nice' });
    expect(notifications.sent).toEqual([
      {
        pattern: NotificationsPattern.Create,
        payload: {
          handle: 'garek',
          kind: 'reply',
          from_handle: 'andrewbrown',
          message: 'nice',
          activity_uuid: SEED_IDS.garekActivity,
        },
      },
    ]);
    expect(service.get(SEED_IDS.garekActivity).replies).toEqual([reply]);
  });

  it('does not notify authors of their own replies', async () => {
    await service.reply(SEED_IDS.garekActivity, { handle: 'garek', message: 'talking to myself' });
    expect(notifications.sent).toEqual([]);
  });

  it('takes a reply back when its notification cannot be acknowledged', async () => {
    notifications.down = true;
    await expect(service.reply(SEED_IDS.garekActivity, { handle: 'worf', message: 'hm' })).rejects.toBeInstanceOf(
      ServiceUnavailableException,
    );
    expect(service.get(SEED_IDS.garekActivity)).toMatchObject({ replies: [], replies_count: 0 });
  });

  it('refuses unknown authors with handle_unknown and unknown activities with 404', async () => {
    await expect(service.create(dto('hi', 'q'))).rejects.toMatchObject({
      response: expect.objectContaining({ errors: ['handle_unknown'] }),
    });
    await expect(
      service.reply('00000000-0000-4000-8000-000000000000', { handle: 'worf', message: 'x' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('finds activities by user (case-insensitively) and by term', () => {
    expect(service.byUser('WORF').map((a) => a.message)).toEqual(['I am out of prune juice']);
    expect(() => service.byUser('q')).toThrow('No user with handle "q"');
    expect(service.search('DOCTOR').map((a) => a.handle)).toEqual(['garek']);
    expect(service.getMany([SEED_IDS.worfActivity, 'nope', SEED_IDS.worfActivity]).map((a) => a.uuid)).toEqual([
      SEED_IDS.worfActivity,
    ]);
  });
});
