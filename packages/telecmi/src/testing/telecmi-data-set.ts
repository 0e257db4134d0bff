import {
  hex,
  indianMobile,
  integer,
  pick,
  type SimulatedDataOptions,
  seededRandom,
  simulatedDataEnd,
} from '@cdr/core/testing';

/**
 * Whose call it is. The simulated world has three accounts that do not share calls: a
 * TeleCMI (CHUB) user, a TeleCMI (CHUB) app, and a PIOPIY app whose agents see their own
 * share of its calls (the agent endpoints return the app's records, unchanged).
 */
export type SimulatedTelecmiAccount = 'rest-user' | 'rest-app' | 'piopiy-app';

export interface SimulatedTelecmiCall {
  id: string;
  account: SimulatedTelecmiAccount;
  direction: 'inbound' | 'outbound';
  status: 'answered' | 'missed';
  /** A PIOPIY inbound missed call that left a voicemail (served by `/v1/voicemail` too). */
  voicemail: boolean;
  time: number;
  /** The agent (`101_1111113`) who took or placed it, for app calls; agent endpoints filter on it. */
  agentId?: string;
  /** The record exactly as its endpoints return it. */
  record: Record<string, unknown>;
}

/** What a simulated call is: the account, direction and status it is drawn for. */
export type SimulatedTelecmiCallKind = Pick<
  SimulatedTelecmiCall,
  'account' | 'direction' | 'status'
> & { voicemail?: boolean };

export interface TelecmiAccounts {
  rest: {
    userToken: string;
    /** The user's extension, `<extension>_<appid>`. */
    userId: string;
    /** The user's caller ID, as out_cdr sends it in `from`. */
    userCallerId: string;
    appId: number;
    appSecret: string;
    /** The app's agents, named in its records' `agent`. */
    agentIds: readonly string[];
    /** The app's DID, the number customers call. */
    did: string;
  };
  piopiy: {
    appId: number;
    appSecret: string;
    did: string;
    agents: readonly { agentId: string; token: string; name: string }[];
  };
}

/** `calls`: default 200; `days`: default 3; `now`: epoch ms. */
export type TelecmiDataSetOptions = SimulatedDataOptions;

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
  const now = simulatedDataEnd('TelecmiSimulator', options.now);
  const span = (options.days ?? 3) * 86_400_000;
  const restAppId = 2222224;
  const piopiyAppId = 1111113;
  const accounts: TelecmiAccounts = {
    rest: {
      userToken: `user-${hex(random, 8)}-${hex(random, 4)}-${hex(random, 12)}`,
      userId: `101_${restAppId}`,
      userCallerId: `91${indianMobile(random)}`,
      appId: restAppId,
      appSecret: `rest-secret-${hex(random, 16)}`,
      agentIds: [201, 202, 203].map((extension) => `${extension}_${restAppId}`),
      did: `91${indianMobile(random)}`,
    },
    piopiy: {
      appId: piopiyAppId,
      appSecret: `app-secret-${hex(random, 16)}`,
      did: `91${indianMobile(random)}`,
      agents: ['Meera', 'Vikram', 'Sana', 'Arjun'].map((name, index) => ({
        agentId: `${101 + index}_${piopiyAppId}`,
        token: `agent-${hex(random, 8)}-${hex(random, 12)}`,
        name,
      })),
    },
  };
  const customers = Array.from(
    { length: Math.max(20, Math.ceil((options.calls ?? 200) / 4)) },
    () => indianMobile(random),
  );
  const uuid = () =>
    `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${pick(random, ['8', '9', 'a', 'b'])}${hex(random, 3)}-${hex(random, 12)}`;

  const makeCall = (kind: SimulatedTelecmiCallKind, time: number): SimulatedTelecmiCall => {
    const { account, direction, status } = kind;
    const answered = status === 'answered';
    const inbound = direction === 'inbound';
    const customer = pick(random, customers);
    const name = pick(random, contactNames);
    const duration = answered ? integer(random, 5, 900) : integer(random, 0, 40);
    const billedsec = answered ? Math.max(1, duration - integer(random, 0, 12)) : 0;
    const rate = answered ? Math.round(billedsec * 0.0004 * 10_000) / 10_000 : 0;
    const notes =
      answered && random() < 0.2
        ? [
            {
              msg: pick(random, noteTexts),
              date: time + duration * 1000 + integer(random, 1000, 600_000),
              agent: accounts.rest.userId,
            },
          ]
        : undefined;
    const filename = (extension: string) =>
      `${Math.floor(time / 1000)}_${integer(random, 1e12, 9e12)}_${extension}.wav`;

    if (account === 'rest-user') {
      const id = uuid();
      const record: Record<string, unknown> = inbound
        ? // The user-level incoming endpoints send no `to`: the user is the callee.
          { cmiuid: id, duration, time, from: Number(`91${customer}`), billedsec, rate, name }
        : {
            cmiuid: id,
            duration,
            billedsec,
            rate,
            record: answered ? 'true' : 'false',
            name,
            from: accounts.rest.userCallerId,
            to: Number(`91${customer}`),
            time,
            region: 'IN',
          };
      if (answered) record.filename = filename(accounts.rest.userId);
      if (notes) record.notes = notes;
      return { id, account, direction, status, voicemail: false, time, record };
    }

    if (account === 'rest-app') {
      const id = uuid();
      const agentId = pick(random, accounts.rest.agentIds);
      const record: Record<string, unknown> = {
        cmiuid: id,
        duration,
        agent: answered || !inbound ? agentId : '',
        billedsec,
        rate,
        record: 'true',
        name,
        from: inbound ? Number(`91${customer}`) : Number(accounts.rest.did),
        to: inbound ? Number(accounts.rest.did) : Number(`91${customer}`),
        time,
      };
      if (answered) record.filename = filename(agentId);
      if (notes) record.notes = notes.map((note) => ({ ...note, agent: agentId }));
      return { id, account, direction, status, voicemail: false, time, agentId, record };
    }

    const id = hex(random, 24);
    const agent = pick(random, accounts.piopiy.agents);
    const voicemail = inbound && !answered && (kind.voicemail ?? random() < 0.3);
    const record: Record<string, unknown> = inbound
      ? {
          _id: id,
          from: Number(customer),
          to: Number(accounts.piopiy.did),
          time,
          billedsec,
          rate: rate.toFixed(4),
          name,
        }
      : {
          _id: id,
          to: Number(customer),
          time,
          from: agent.agentId,
          billedsec,
          rate: rate.toFixed(4),
          name,
        };
    if (answered) {
      record.duration = duration;
      record.filename = filename(agent.agentId);
      if (inbound) record.agent = agent.agentId;
    }
    if (voicemail) record.filename = filename('voicemail');
    return {
      id,
      account,
      direction,
      status,
      voicemail,
      time,
      // Who handled it: the agent who answered or dialled; a missed inbound call has none.
      ...(answered || !inbound ? { agentId: agent.agentId } : {}),
      record,
    };
  };

  const drawKind = (): SimulatedTelecmiCallKind => {
    const accountDraw = random();
    return {
      account: accountDraw < 0.35 ? 'rest-user' : accountDraw < 0.7 ? 'rest-app' : 'piopiy-app',
      direction: random() < 0.55 ? 'inbound' : 'outbound',
      status: random() < 0.7 ? 'answered' : 'missed',
    };
  };

  const calls: SimulatedTelecmiCall[] = [];
  for (let index = 0; index < (options.calls ?? 200); index++) {
    calls.push(makeCall(drawKind(), now - Math.floor(random() * span)));
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
