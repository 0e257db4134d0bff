import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({ descriptor: 'src/vonage-descriptor.ts', push: 'src/push.ts' });
