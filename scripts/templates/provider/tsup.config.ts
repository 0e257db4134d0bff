import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({ descriptor: 'src/acme-descriptor.ts', push: 'src/acme-push.ts' });
