import { execFile } from 'node:child_process';

/** Runs a program and gives its standard output; rejects when it exits with an error. */
export type Exec = (file: string, args: string[]) => Promise<string>;

export const execProgram: Exec = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 10_000, windowsHide: true, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
