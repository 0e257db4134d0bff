import { packageBuild } from '../../tsup.config.base.js';

export default packageBuild({
  entry: {
    index: 'src/index.ts',
    'provider-utils': 'src/provider-utils.ts',
    testing: 'src/testing/index.ts',
  },
});
