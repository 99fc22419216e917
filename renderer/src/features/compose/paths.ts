// Path words for display: the page does not have node:path, and only needs the last part.
export const basename = (path: string): string => path.replace(/\/+$/, '').split('/').pop() ?? path
export const dirname = (path: string): string => path.replace(/\/+$/, '').replace(/\/[^/]*$/, '') || '/'
