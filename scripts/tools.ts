import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The command-line entry points `npm start` runs with this Node, found without a shell. */
export function toolPaths(root: string = process.cwd()) {
  const require = createRequire(join(root, 'package.json'));
  return {
    tsxCli: require.resolve('tsx/cli'),
    // electron-vite does not export its bin file, so it is found by path.
    electronVite: join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
  };
}
