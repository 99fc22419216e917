// Which volumes `down -v` removes for a project: the file's named volumes under the project's name
// (or the `name:` they give), never the external ones. Main checks the confirmation against this;
// the page names them in it.
import type { ComposeFiles } from '../contract/compose'

export function volumesDownRemoves(files: Pick<ComposeFiles, 'volumes' | 'defaultProject'>, project: string): string[] {
  return files.volumes.filter((v) => !v.external).map((v) => (v.name === `${files.defaultProject}_${v.key}` ? `${project}_${v.key}` : v.name))
}
