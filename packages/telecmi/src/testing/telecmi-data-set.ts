import { hex, indianMobile, integer, pick, seededRandom } from '@cdr/core/testing';

/** Which endpoint a simulated call is served by. */
export type SimulatedTelecmiEndpoint =
  | 'user-outgoing-answered'
  | 'user-outgoing-missed'
  | 'app-outgoing-missed';

export interface SimulatedTelecmiCall {
  endpoint: SimulatedTelecmiEndpoint;
  id: string;
  time: number;
  /** For app calls: the agent (`101_1111113`) who placed it; agent endpoints filter on it. */
  agentId?: string;
  /** The record exactly as the endpoint returns it. */
  record: Record<string, unknown>;
}

export interface TelecmiAccounts {
  userToken: string;
  /** The user's caller ID, as out_cdr sends it in `from`. */
  userCallerId: string;
  appId: number;
  appSecret: string;
  agents: readonly { agentId: string; token: string; name: string }[];
}

export interface TelecmiDataSetOptions {
  seed?: number;
  /** How many calls. Default 200. */
  calls?: number;
  /** Spread over this many days before `now`. Default 3. */
  days?: number;
  /** The end of the data set. Default: the start of the current UTC hour. */
  now?: number;
}

const contactNames = [
  'unknown',
  'unknown',
  'unknown',
  'Aarav Sharma',
  'Priya Nair',
  'Rahul Verma',
  'Ananya Iyer',
  'suresh',
  'Kavya Reddy',
];
const noteTexts = [
  'Sales Lead',
  'Need discount on service',
  'Call back after 6 pm',
  'Interested in annual plan',
  'Wrong number',
];

/** Generates the accounts and calls a TeleCMI simulator serves. Same options, same data. */
export function createTelecmiDataSet(options: TelecmiDataSetOptions = {}) {
  const random = seededRandom(options.seed ?? 1);
  const now = options.now ?? Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const span = (options.days ?? 3) * 86_400_000;
  const appId = 1111113;
  const accounts: TelecmiAccounts = {
    userToken: `user-${hex(random, 8)}-${hex(random, 4)}-${hex(random, 12)}`,
    userCallerId: `91${indianMobile(random)}`,
    appId,
    appSecret: `app-secret-${hex(random, 16)}`,
    agents: ['Meera', 'Vikram', 'Sana', 'Arjun'].map((name, index) => ({
      agentId: `${101 + index}_${appId}`,
      token: `agent-${hex(random, 8)}-${hex(random, 12)}`,
      name,
    })),
  };
  const customers = Array.from(
    { length: Math.max(20, Math.ceil((options.calls ?? 200) / 4)) },
    () => indianMobile(random),
  );

  const makeCall = (endpoint: SimulatedTelecmiEndpoint, time: number): SimulatedTelecmiCall => {
    const customer = pick(random, customers);
    const name = pick(random, contactNames);
    if (endpoint === 'app-outgoing-missed') {
      const agent = pick(random, accounts.agents);
      const id = hex(random, 24);
      return {
        endpoint,
        id,
        time,
        agentId: agent.agentId,
        record: {
          _id: id,
          to: Number(customer),
          time,
          from: agent.agentId,
          billedsec: 0,
          rate: '0.0000',
          name,
        },
      };
    }
    const id = `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${pick(random, ['8', '9', 'a', 'b'])}${hex(random, 3)}-${hex(random, 12)}`;
    const answered = endpoint === 'user-outgoing-answered';
    const duration = answered ? integer(random, 5, 900) : integer(random, 0, 40);
    const billedsec = answered ? Math.max(1, duration - integer(random, 0, 12)) : 0;
    const record: Record<string, unknown> = {
      cmiuid: id,
      duration,
      billedsec,
      rate: answered ? Math.round(billedsec * 0.0004 * 10_000) / 10_000 : 0,
      record: answered ? 'true' : 'false',
      name,
      from: accounts.userCallerId,
      to: Number(`91${customer}`),
      time,
      region: 'IN',
    };
    if (answered)
      record.filename = `${Math.floor(time / 1000)}_${integer(random, 1e12, 9e12)}_101_2222223.wav`;
    if (answered && random() < 0.2) {
      record.notes = [
        {
          msg: pick(random, noteTexts),
          date: time + duration * 1000 + integer(random, 1000, 600_000),
          agent: '101_2222223',
        },
      ];
    }
    return { endpoint, id, time, record };
  };

  const endpointFor = (draw: number): SimulatedTelecmiEndpoint =>
    draw < 0.6
      ? 'user-outgoing-answered'
      : draw < 0.75
        ? 'user-outgoing-missed'
        : 'app-outgoing-missed';

  const calls: SimulatedTelecmiCall[] = [];
  for (let index = 0; index < (options.calls ?? 200); index++) {
    calls.push(makeCall(endpointFor(random()), now - Math.floor(random() * span)));
  }
  return {
    accounts,
    calls,
    /** A new call of the kind given, at `time`. */
    makeCall,
    now,
  };
}

export type TelecmiDataSet = ReturnType<typeof createTelecmiDataSet>;
