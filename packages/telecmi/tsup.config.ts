import { providerBuild } from '../../tsup.config.base.js';

export default providerBuild({
  descriptor: 'src/telecmi-descriptor.ts',
  push: 'src/push.ts',
  // The API as the package reads it (record schemas, mappers, documented limits), for the
  // benchmarks and for tools that read raw records.
  api: 'src/api.ts',
});
