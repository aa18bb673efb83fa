/** `dcplan schema`: the scenario format as JSON Schema (2020-12) on stdout. */
import { scenarioJsonSchema } from '../../../scenario/index.js';
import { writeOut } from '../../output.js';

export async function schemaCommand(out: (text: string) => void = writeOut): Promise<void> {
  out(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
}
