import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({ descriptor: 'src/telnyx-descriptor.ts', push: 'src/push.ts' });
