import type { Activity, NotificationWithActivity, Reply } from '@app/contracts';
import { type ErrorBody, eventually, request } from './support/http';
import { Suite } from './support/suite';

const CLOUD_IS_FUN = '68f126b0-1ceb-4a33-88be-d90fa7109eee';

describe('gateway API, with activities and notifications as separate processes', () => {
  let suite: Suite;
  const url = (path: string) => `${suite.baseUrl}${path}`;

  beforeAll(async () => {
    suite = await Suite.start();
  });

  afterAll(async () => {
    const codes = await suite?.stop();
    expect(codes).toEqual({ gateway: 0, activities: 0, notifications: 0 });
  });

  it('GET /api/health-check answers as the original app did', async () => {
    const { status, body } = await request(url('/api/health-check'));
    expect(status).toBe(200);
    expect(body).toEqual({ success: true, ver: 1 });
  });

  it('GET /api/health-check/ready checks activities over HTTP and notifications over TCP', async () => {
    const { status, body } = await request<{
      ready: boolean;
      dependencies: Record<string, { ok: boolean; transport: string }>;
    }>(url('/api/health-check/ready'));
    expect(status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.dependencies.activities).toMatchObject({ ok: true, transport: 'http' });
    expect(body.dependencies.notifications).toMatchObject({ ok: true, transport: 'tcp' });
  });

  it('GET /api/activities/home returns the seeded feed, newest first', async () => {
    const { status, body } = await request<Activity[]>(url('/api/activities/home'));
    expect(status).toBe(200);
    const seeded = body.filter((a) => ['andrewbrown', 'worf', 'garek'].includes(a.handle) && !a.message.includes('@'));
    expect(seeded.map((a) => [a.handle, a.message])).toEqual([
      ['garek', 'My dear doctor, I am just simple tailor'],
      ['andrewbrown', 'Cloud is very fun!'],
      ['worf', 'I am out of prune juice'],
    ]);
    const createdAt = body.map((a) => Date.parse(a.created_at));
    expect([...createdAt].sort((a, b) => b - a)).toEqual(createdAt);
    const cloud = body.find((a) => a.uuid === CLOUD_IS_FUN);
    expect(cloud?.replies.map((r) => [r.handle, r.message])).toEqual([['worf', 'This post has no honor!']]);
    for (const activity of body) expect(Date.parse(activity.expires_at)).toBeGreaterThan(Date.now());
  });

  it("GET /api/activities/@:handle returns that user's activities; an unknown handle is 404", async () => {
    const worf = await request<Activity[]>(url('/api/activities/@worf'));
    expect(worf.status).toBe(200);
    expect(worf.body.length).toBeGreaterThan(0);
    expect(worf.body.every((a) => a.handle === 'worf')).toBe(true);
    expect(worf.body.map((a) => a.message)).toContain('I am out of prune juice');

    const unknown = await request<ErrorBody>(url('/api/activities/@nobody_here'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('nobody_here');
  });

  it('GET /api/activities/search finds activities whose message contains the term', async () => {
    const { status, body } = await request<Activity[]>(url('/api/activities/search?term=PRUNE'));
    expect(status).toBe(200);
    expect(body.map((a) => a.message)).toEqual(['I am out of prune juice']);

    const none = await request<Activity[]>(url('/api/activities/search?term=zzzz-no-such-words'));
    expect(none.body).toEqual([]);

    const blank = await request<ErrorBody>(url('/api/activities/search'));
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual(['term_blank']);
  });

  it('GET /api/activities/:uuid returns one activity with its replies; unknown is 404, malformed 400', async () => {
    const { status, body } = await request<Activity>(url(`/api/activities/${CLOUD_IS_FUN}`));
    expect(status).toBe(200);
    expect(body).toMatchObject({ uuid: CLOUD_IS_FUN, handle: 'andrewbrown', message: 'Cloud is very fun!' });
    expect(body.replies[0]).toMatchObject({ handle: 'worf', reply_to_activity_uuid: CLOUD_IS_FUN });

    const unknown = await request<ErrorBody>(url('/api/activities/0b7f3c1e-5d2a-4c8e-9f00-123456789abc'));
    expect(unknown.status).toBe(404);

    const malformed = await request<ErrorBody>(url('/api/activities/not-a-uuid'));
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/uuid/i);
  });

  it('GET /api/activities/notifications joins each notification with its activity (TCP, then HTTP)', async () => {
    const { status, body } = await request<NotificationWithActivity[]>(url('/api/activities/notifications'));
    expect(status).toBe(200);
    const unicorn = body.find((n) => n.message === 'I am white unicorn');
    expect(unicorn).toMatchObject({ handle: 'andrewbrown', from_handle: 'coco', activity_uuid: CLOUD_IS_FUN });
    expect(unicorn?.activity).toMatchObject({ uuid: CLOUD_IS_FUN, message: 'Cloud is very fun!' });
    expect(unicorn?.activity?.replies[0].message).toBe('This post has no honor!');

    const worf = await request<NotificationWithActivity[]>(url('/api/activities/notifications?handle=worf'));
    expect(worf.status).toBe(200);
    expect(worf.body.every((n) => n.handle === 'worf')).toBe(true);

    const invalid = await request<ErrorBody>(url('/api/activities/notifications?handle=not%20a%20handle'));
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual(['handle_invalid']);
  });

  it('POST /api/activities creates an activity, and each mentioned user is notified (TCP event)', async () => {
    const message = `Qapla'! @garek @andrewbrown and @no_such_user ${Date.now()}`;
    const created = await request<Activity>(url('/api/activities'), {
      body: { handle: 'worf', message, ttl: '7-days' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ handle: 'worf', display_name: 'Worf', message, replies: [] });
    const lifetime = Date.parse(created.body.expires_at) - Date.parse(created.body.created_at);
    expect(lifetime).toBe(7 * 24 * 60 * 60 * 1000);

    const home = await request<Activity[]>(url('/api/activities/home'));
    expect(home.body[0].uuid).toBe(created.body.uuid);

    for (const handle of ['garek', 'andrewbrown']) {
      const notification = await eventually(async () => {
        const { body } = await request<NotificationWithActivity[]>(
          url(`/api/activities/notifications?handle=${handle}`),
        );
        return body.find((n) => n.activity_uuid === created.body.uuid);
      });
      expect(notification).toMatchObject({ kind: 'mention', from_handle: 'worf', handle, message });
      expect(notification.activity?.uuid).toBe(created.body.uuid);
    }
  });

  it("POST /api/activities/:uuid/reply creates a reply; the author's notification is there when it returns", async () => {
    const message = `Garak, you are no simple tailor ${Date.now()}`;
    const reply = await request<Reply>(url('/api/activities/248959df-3079-4947-b847-9d0892d1bab4/reply'), {
      body: { handle: 'andrewbrown', message },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      handle: 'andrewbrown',
      message,
      reply_to_activity_uuid: '248959df-3079-4947-b847-9d0892d1bab4',
    });

    // No polling: the notification was acknowledged before the reply was returned.
    const { body } = await request<NotificationWithActivity[]>(url('/api/activities/notifications?handle=garek'));
    const notification = body.find((n) => n.message === message);
    expect(notification).toMatchObject({ kind: 'reply', from_handle: 'andrewbrown' });
    expect(notification?.activity?.replies.map((r) => r.uuid)).toContain(reply.body.uuid);

    const activity = await request<Activity>(url('/api/activities/248959df-3079-4947-b847-9d0892d1bab4'));
    expect(activity.body.replies_count).toBe(activity.body.replies.length);

    const unknown = await request<ErrorBody>(url('/api/activities/0b7f3c1e-5d2a-4c8e-9f00-123456789abc/reply'), {
      body: { handle: 'worf', message: 'hello?' },
    });
    expect(unknown.status).toBe(404);
  });

  describe('bad input', () => {
    const post = (body: unknown, path = '/api/activities') => request<ErrorBody>(url(path), { body });

    it.each([
      ['an empty body', {}, ['handle_blank', 'blank_message', 'ttl_blank']],
      ['an empty message', { handle: 'worf', message: '', ttl: '1-day' }, ['blank_message']],
      ['a blank message', { handle: 'worf', message: '   ', ttl: '1-day' }, ['blank_message']],
      ['281 characters', { handle: 'worf', message: 'x'.repeat(281), ttl: '1-day' }, ['message_exceed_max_chars']],
      ['an unknown ttl', { handle: 'worf', message: 'hi', ttl: '2-days' }, ['ttl_invalid']],
      ['no ttl', { handle: 'worf', message: 'hi' }, ['ttl_blank']],
      ['numbers', { handle: 5, message: 5, ttl: 5 }, ['handle_invalid', 'message_invalid', 'ttl_invalid']],
      ['a malformed handle', { handle: 'wo rf', message: 'hi', ttl: '1-day' }, ['handle_invalid']],
      ['an unknown handle', { handle: 'nobody', message: 'hi', ttl: '1-day' }, ['handle_unknown']],
    ])('POST /api/activities with %s answers 422 %j', async (_label, body, codes) => {
      const { status, body: answer } = await post(body);
      expect(status).toBe(422);
      expect(answer.errors).toEqual(codes);
    });

    it('a message of exactly 280 characters is accepted, and a reply may have 1024', async () => {
      expect((await post({ handle: 'garek', message: 'y'.repeat(280), ttl: '1-hour' })).status).toBe(201);
      const reply = `/api/activities/${CLOUD_IS_FUN}/reply`;
      expect((await post({ handle: 'garek', message: 'z'.repeat(1024) }, reply)).status).toBe(201);
      const tooLong = await post({ handle: 'garek', message: 'z'.repeat(1025) }, reply);
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.errors).toEqual(['message_exceed_max_chars']);
      const blank = await post({ message: '' }, reply);
      expect(blank.body.errors).toEqual(['handle_blank', 'blank_message']);
    });

    it('a body that is not JSON answers 400 saying so', async () => {
      const { status, body } = await request<ErrorBody>(url('/api/activities'), {
        rawBody: '{"handle": "worf", ',
        headers: { 'content-type': 'application/json' },
      });
      expect(status).toBe(400);
      expect(body.message).toMatch(/not valid JSON/);
    });

    it('a body that is not declared as JSON answers 415, one too large 413', async () => {
      const plain = await request<ErrorBody>(url('/api/activities'), {
        rawBody: 'handle=worf',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(plain.status).toBe(415);
      expect(plain.body.message).toMatch(/must be JSON/);

      const large = await request<ErrorBody>(url('/api/activities'), {
        body: { handle: 'worf', message: 'x'.repeat(200 * 1024), ttl: '1-day' },
      });
      expect(large.status).toBe(413);
      expect(large.body.message).toMatch(/larger than the limit/);
    });

    it('the gateway is still healthy after all of it', async () => {
      expect((await request(url('/api/health-check'))).status).toBe(200);
    });
  });
});
