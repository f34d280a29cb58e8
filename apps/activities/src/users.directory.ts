import { Injectable } from '@nestjs/common';
import type { User } from '@app/contracts';
import { SEED_USERS } from './seed.data';

/**
 * The users who can post. Fixed at start (the original app's mock users), so
 * it is bounded by construction. Handles match case-insensitively.
 */
@Injectable()
export class UsersDirectory {
  private readonly users = new Map(SEED_USERS.map((user) => [user.handle.toLowerCase(), user]));

  find(handle: string): User | undefined {
    return this.users.get(handle.toLowerCase());
  }

  /** The known users among `handles`, in the order asked, without repeats. */
  resolve(handles: readonly string[]): User[] {
    const found = new Map<string, User>();
    for (const handle of handles) {
      const user = this.find(handle);
      if (user) found.set(user.handle, user);
    }
    return [...found.values()];
  }
}
