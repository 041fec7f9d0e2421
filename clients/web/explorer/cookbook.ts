/**
 * The cookbook: the analyst questions saved in `clients/operations/` (one named operation per
 * file, its leading `#` comment the question), bundled into the page by Vite as raw text. An
 * operation's variables take their defaults from the operation itself (`$iso3: CountryCode! = "GBR"`).
 */
export interface Recipe {
  /** The operation's name, which is its file's name. */
  readonly name: string;
  /** The question it answers: the file's leading comment. */
  readonly question: string;
  /** The file as written, comment included, for the editor. */
  readonly text: string;
}

const files = import.meta.glob<string>('../../operations/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Parses one operation file's text into a recipe (exported for the page and its tests). */
export function recipeOf(path: string, text: string): Recipe {
  const name = path.replace(/^.*\//, '').replace(/\.graphql$/, '');
  const comment = /^(?:[ \t]*#[^\n]*\n)+/.exec(text)?.[0] ?? '';
  const lines = comment
    .split('\n')
    .map((line) => line.replace(/^[ \t]*#[ \t]?/, '').trim())
    .filter((line) => line !== '');
  return { name, question: lines.join(' '), text };
}

export const RECIPES: readonly Recipe[] = Object.entries(files)
  .map(([path, text]) => recipeOf(path, text))
  .sort((a, b) => a.name.localeCompare(b.name));

export function recipeNamed(name: string | null): Recipe | undefined {
  return name === null ? undefined : RECIPES.find((recipe) => recipe.name === name);
}
