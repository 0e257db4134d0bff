import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({ descriptor: 'src/twilio-descriptor.ts', push: 'src/push.ts' });
