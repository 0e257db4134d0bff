import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({ descriptor: 'src/aircall-descriptor.ts', push: 'src/push.ts' });
