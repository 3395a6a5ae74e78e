// npm run new-story -- ARTICLE data/SLUG [--force]
// Drafts a story folder from an article (plain text or ArchieML) and prints what it found. The work is done in
// src/build/kit/; this only reads the command line and turns errors into a message and an exit code.
import { ArticleError } from '../src/build/kit/article.ts';
import { newStory } from '../src/build/kit/newStory.ts';
import { KitError } from '../src/build/kit/writeFolder.ts';
import { StoryError } from '../src/lib/story/errors.ts';

const USAGE =
  'usage: npm run new-story -- ARTICLE data/SLUG [--force]\n  ARTICLE  plain text (headline, dek, paragraphs) or ArchieML (headline:, dek:, [+body])\n  --force  replace the folder if it exists';

const args = process.argv.slice(2);
const force = args.includes('--force');
const positional = args.filter((arg) => !arg.startsWith('--'));
const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--force');
const [article, target] = positional;

if (unknown.length > 0 || positional.length !== 2 || !article || !target) {
  console.error(unknown.length > 0 ? `unknown option ${unknown.join(', ')}\n${USAGE}` : USAGE);
  process.exit(2);
}

try {
  const { report } = newStory(article, target, { force, timing: true });
  process.stdout.write(report);
} catch (error) {
  if (error instanceof ArticleError || error instanceof KitError || error instanceof StoryError) {
    console.error(`new-story: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
