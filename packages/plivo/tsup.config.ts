import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({ descriptor: 'src/plivo-descriptor.ts', push: 'src/push.ts' });
