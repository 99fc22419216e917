// The Web Notifications API, which Electron's renderer turns into the desktop's own notifications and
// a browser shows once the user allowed it. Permission is asked only when the user acts (turns
// notifications on, or clicks "Allow notifications"), never when the page loads.
export type NoticePermission = NotificationPermission | 'unsupported'

export function noticePermission(): NoticePermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
}

/** Asks the browser, which asks the user once; what they answered. */
export async function askNoticePermission(): Promise<NoticePermission> {
  if (typeof Notification === 'undefined') return 'unsupported'
  if (Notification.permission !== 'default') return Notification.permission
  return Notification.requestPermission()
}

export interface Notice {
  title: string
  body: string
  /** A later notice with the same tag replaces the earlier one instead of piling up. */
  tag: string
  onClick: () => void
}

/** Shows it when allowed; says whether it did. Titles and bodies are plain text: the engine's words are never HTML here. */
export function showNotice(notice: Notice): boolean {
  if (noticePermission() !== 'granted') return false
  const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag })
  shown.onclick = () => {
    window.focus()
    notice.onClick()
    shown.close()
  }
  return true
}
