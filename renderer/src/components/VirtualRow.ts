// One row's cells in VirtualList, drawn by the list's row slot. A component of its own so that a
// scroll, which draws the list again, draws again only the rows that now show another item: the
// others keep their props (the same item, place and tab stop) and Vue skips them, where the slot
// written inline in the list made every row in view render again at every frame of a wheel turn.
import { defineComponent, type PropType, type VNodeChild } from 'vue'

export interface RowProps<T> {
  item: T
  index: number
  tabindex: number
}

export default defineComponent({
  name: 'VirtualRow',
  props: {
    item: { type: null as unknown as PropType<unknown>, required: true },
    index: { type: Number, required: true },
    tabindex: { type: Number, required: true },
    /** The list's row slot. */
    draw: { type: Function as PropType<(props: RowProps<unknown>) => VNodeChild>, required: true },
  },
  setup(props) {
    return () => props.draw({ item: props.item, index: props.index, tabindex: props.tabindex })
  },
})
