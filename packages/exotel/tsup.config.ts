import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({ descriptor: 'src/exotel-descriptor.ts', push: 'src/push.ts' });
