// Every place a user can be has a route, so back, forward, reload and pop-out land in the same place.
// Hash history: the built file (Electron loads it from disk) and browser mode both serve one page.
// Every page is its own chunk, loaded when its route is first visited: opening the window loads the
// shell and the page it shows, never the terminal's or the editor's code. The containers list, where
// the window opens, is the exception: it is in the first chunks, fetched with the page, not after it.
import { createRouter, createWebHashHistory } from 'vue-router'
import ContainersPage from '../features/containers/ContainersPage.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/containers' },
    { path: '/containers', name: 'containers', component: ContainersPage },
    {
      path: '/containers/:name',
      component: () => import('../features/containers/ContainerPage.vue'),
      props: true,
      children: [
        { path: '', name: 'container', redirect: (to) => ({ name: 'container-logs', params: to.params, query: to.query }) },
        { path: 'logs', name: 'container-logs', component: () => import('../features/logs/ContainerLogsTab.vue') },
        { path: 'files', name: 'container-files', component: () => import('../features/files/ContainerFilesTab.vue') },
        { path: 'inspect', name: 'container-inspect', component: () => import('../features/containers/ContainerInspectTab.vue') },
        { path: 'changes', name: 'container-changes', component: () => import('../features/containers/ContainerChangesTab.vue') },
        { path: 'stats', name: 'container-stats', component: () => import('../features/stats/ContainerStatsTab.vue') },
        { path: 'terminal', name: 'container-terminal', component: () => import('../features/terminal/ContainerTerminalTab.vue') },
      ],
    },
    {
      path: '/projects/:name',
      component: () => import('../features/projects/ProjectPage.vue'),
      props: true,
      children: [
        { path: '', name: 'project', component: () => import('../features/projects/ProjectServicesTab.vue') },
        { path: 'logs', name: 'project-logs', component: () => import('../features/projects/ProjectLogsTab.vue') },
        { path: 'file', name: 'project-file', component: () => import('../features/compose/ProjectFileTab.vue') },
      ],
    },
    { path: '/images', name: 'images', component: () => import('../features/images/ImagesPage.vue') },
    {
      path: '/images/:reference',
      component: () => import('../features/images/ImagePage.vue'),
      props: true,
      children: [
        { path: '', name: 'image', component: () => import('../features/images/ImageSummaryTab.vue') },
        { path: 'layers', name: 'image-layers', component: () => import('../features/images/ImageLayersTab.vue') },
        { path: 'inspect', name: 'image-inspect', component: () => import('../features/images/ImageInspectTab.vue') },
      ],
    },
    { path: '/volumes', name: 'volumes', component: () => import('../features/volumes/VolumesPage.vue') },
    {
      path: '/volumes/:name',
      component: () => import('../features/volumes/VolumePage.vue'),
      props: true,
      children: [
        { path: '', name: 'volume', redirect: (to) => ({ name: 'volume-files', params: to.params }) },
        { path: 'files', name: 'volume-files', component: () => import('../features/volumes/VolumeFilesTab.vue') },
        { path: 'inspect', name: 'volume-inspect', component: () => import('../features/volumes/VolumeInspectTab.vue') },
      ],
    },
    { path: '/networks', name: 'networks', component: () => import('../features/networks/NetworksPage.vue') },
    {
      path: '/networks/:name',
      component: () => import('../features/networks/NetworkPage.vue'),
      props: true,
      children: [
        { path: '', name: 'network', component: () => import('../features/networks/NetworkSummaryTab.vue') },
        { path: 'inspect', name: 'network-inspect', component: () => import('../features/networks/NetworkInspectTab.vue') },
      ],
    },
    { path: '/registries', name: 'registries', component: () => import('../features/registry/RegistriesPage.vue') },
    { path: '/build', name: 'build', component: () => import('../features/build/BuildPage.vue') },
    { path: '/compose', name: 'compose', component: () => import('../features/compose/ComposePage.vue') },
    { path: '/engines', name: 'engines', component: () => import('../features/engines/EnginesPage.vue') },
    { path: '/settings', name: 'settings', component: () => import('../features/settings/SettingsPage.vue') },
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./NotFoundPage.vue') },
  ],
})
