// Whether the window is narrow (900 px or less: where the sidebar becomes a top bar), for lists whose
// grid columns are set in script and so cannot follow a CSS media query.
import { onScopeDispose, readonly, ref, type Ref } from 'vue'

export const NARROW_QUERY = '(max-width: 900px)'

export function useNarrow(): Readonly<Ref<boolean>> {
  const media = window.matchMedia(NARROW_QUERY)
  const narrow = ref(media.matches)
  const update = () => (narrow.value = media.matches)
  media.addEventListener('change', update)
  onScopeDispose(() => media.removeEventListener('change', update))
  return readonly(narrow)
}
