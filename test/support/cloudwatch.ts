import {
  type CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';

/** Every event of the `cruddur` group matching the pattern, all pages, messages parsed as JSON. */
export async function filterAllJson<T = Record<string, unknown>>(
  client: CloudWatchLogsClient,
  filterPattern: string,
): Promise<T[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new FilterLogEventsCommand({ logGroupName: 'cruddur', filterPattern, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events.map((event) => JSON.parse(event.message ?? '{}') as T);
}
