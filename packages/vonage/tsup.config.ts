import { packageBuild } from '../../tsup.config.base.js';

// Core stays a peer: never bundled into the provider.
export default packageBuild({ external: ['@cdr/core'] });
