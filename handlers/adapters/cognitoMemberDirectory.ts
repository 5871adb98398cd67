import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { emailKey } from '../../domain';
import { ROLES, type Member, type Role } from '../../domain/committee';
import { AccountExists, UnknownMember, type MemberDirectory } from '../ports';
import { highestRole } from './committeeRoles';

type Account = Member & { email: string };

/**
 * The committee's accounts in a Cognito user pool whose sign-in name is the e-mail address: a
 * member's id is the user's `sub` (which the admin calls take as the user name in such a pool),
 * their role the group of that name. Only the pool's own invitation reaches a new member: the
 * temporary password is never seen here.
 */
export class CognitoMemberDirectory implements MemberDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client: CognitoIdentityProviderClient = new CognitoIdentityProviderClient({}),
  ) {}

  async members(): Promise<Account[]> {
    // Highest role first, so that an account in two groups keeps the higher.
    const byId = new Map<string, Account>();
    for (const role of ROLES) {
      let NextToken: string | undefined;
      do {
        const page = await this.client.send(new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, NextToken }));
        for (const user of page.Users ?? []) {
          const account = user.Enabled === false ? undefined : accountOf(user.Attributes, role);
          if (account && !byId.has(account.id)) byId.set(account.id, account);
        }
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async member(id: string): Promise<Account | undefined> {
    const user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: id })).catch(undefinedIfUnknown);
    if (!user || user.Enabled === false) return undefined;
    const role = highestRole(await this.groupsOf(id));
    return role && accountOf(user.UserAttributes, role);
  }

  async invite({ email, name, role }: { email: string; name: string; role: Role }): Promise<Account> {
    const address = emailKey(email.trim());
    const created = await this.client
      .send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: address,
          UserAttributes: [
            { Name: 'email', Value: address },
            // The address is the one the committee was given: no code to confirm it, the invitation goes there.
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: name },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      )
      .catch((error: unknown) => {
        throw (error as Error).name === 'UsernameExistsException' ? new AccountExists(address) : error;
      });
    const id = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    if (!id) throw new Error('the identity provider created an account without a sub');
    try {
      await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: id, GroupName: role }));
    } catch (error) {
      // An account in no role's group could do nothing, but would block inviting the address again.
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: id }));
      throw error;
    }
    return { id, name, role, email: address };
  }

  async setRole(id: string, role: Role): Promise<void> {
    const groups = await this.groupsOf(id).catch(asUnknownMember(id));
    // Into the new group first: the member is never left without a role on the way.
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: id, GroupName: role }));
    for (const other of ROLES.filter((r) => r !== role && groups.includes(r))) {
      await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: id, GroupName: other }));
    }
  }

  async remove(id: string): Promise<void> {
    // Disabled first: should the deletion fail, the account can no longer sign in, and lists no more.
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: id })).catch(asUnknownMember(id));
    await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: id }));
  }

  private async groupsOf(id: string): Promise<string[]> {
    const groups: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: id, NextToken }));
      groups.push(...(page.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])));
      NextToken = page.NextToken;
    } while (NextToken);
    return groups;
  }
}

function accountOf(attributes: AttributeType[] | undefined, role: Role): Account | undefined {
  const value = (name: string) => attributes?.find((a) => a.Name === name)?.Value;
  const id = value('sub');
  return id ? { id, name: value('name') ?? '', role, email: value('email') ?? '' } : undefined;
}

const isUnknownUser = (error: unknown) => (error as Error).name === 'UserNotFoundException';

/** Undefined for the pool's "no such user"; any other failure as it is. */
function undefinedIfUnknown(error: unknown): undefined {
  if (!isUnknownUser(error)) throw error;
  return undefined;
}

/** The pool's "no such user" as UnknownMember; any other failure as it is. */
const asUnknownMember =
  (id: string) =>
  (error: unknown): never => {
    throw isUnknownUser(error) ? new UnknownMember(id) : error;
  };
