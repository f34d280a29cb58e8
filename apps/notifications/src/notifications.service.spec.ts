import { Test } from '@nestjs/testing';
import { type Activity, ActivitiesHttp, ActivitiesPattern } from '@app/contracts';
import { ACTIVITIES_HTTP_CLIENT, ACTIVITIES_TCP_CLIENT, NOTIFICATIONS_CONFIG } from './notifications.constants';
import { NotificationsService } from './notifications.service';
import { NotificationsStore } from './notifications.store';
import { SEED_ACTIVITY_UUID } from './seed.data';

const cloud = { uuid: SEED_ACTIVITY_UUID, handle: 'andrewbrown', message: 'Cloud is very fun!' } as Activity;

describe('NotificationsService', () => {
  const httpCalls: Array<{ path: string; query: unknown }> = [];
  const tcpCalls: Array<{ pattern: string; payload: unknown }> = [];
  let service: NotificationsService;

  beforeEach(async () => {
    httpCalls.length = 0;
    tcpCalls.length = 0;
    const module = await Test.createTestingModule({
      providers: [
        NotificationsService,
        NotificationsStore,
        { provide: NOTIFICATIONS_CONFIG, useValue: { storeMaxItems: 100, dependencyTimeoutMs: 1000 } },
        {
          provide: ACTIVITIES_HTTP_CLIENT,
          useValue: {
            get: async (path: string, query: unknown) => {
              httpCalls.push({ path, query });
              return [cloud];
            },
          },
        },
        {
          provide: ACTIVITIES_TCP_CLIENT,
          useValue: {
            send: async (pattern: string, payload: { handles: string[] }) => {
              tcpCalls.push({ pattern, payload });
              const known = ['andrewbrown', 'garek', 'worf'];
              return {
                users: payload.handles
                  .filter((h) => known.includes(h))
                  .map((handle) => ({ handle, display_name: handle })),
              };
            },
          },
        },
      ],
    }).compile();
    service = module.get(NotificationsService);
  });

  it('joins each notification with its activity, fetched in one batch over HTTP', async () => {
    service.create({ handle: 'andrewbrown', kind: 'reply', from_handle: 'worf', message: 'hm', activity_uuid: 'gone' });
    const list = await service.list('andrewbrown');
    expect(httpCalls).toEqual([{ path: ActivitiesHttp.batch, query: { uuid: ['gone', SEED_ACTIVITY_UUID] } }]);
    expect(list.map((n) => [n.message, n.activity?.message ?? null])).toEqual([
      ['hm', null],
      ['I am white unicorn', 'Cloud is very fun!'],
    ]);
  });

  it('does not call activities for a user without notifications', async () => {
    expect(await service.list('garek')).toEqual([]);
    expect(httpCalls).toEqual([]);
  });

  it('notifies the known mentioned users, asking activities over TCP which are known', async () => {
    const activity = { uuid: 'a1', handle: 'worf', message: '@garek @nobody @worf' } as Activity;
    const created = await service.onActivityCreated({ activity, mentions: ['garek', 'nobody', 'worf'] });
    expect(tcpCalls).toEqual([
      { pattern: ActivitiesPattern.ResolveUsers, payload: { handles: ['garek', 'nobody', 'worf'] } },
    ]);
    expect(created.map((n) => [n.handle, n.kind, n.from_handle])).toEqual([['garek', 'mention', 'worf']]);
  });
});
