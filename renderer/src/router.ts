// Every place a user can be has a route, so back, forward, reload and pop-out land in the same place.
// Hash history: the built file (Electron loads it from disk) and browser mode both serve one page.
import { createRouter, createWebHashHistory } from 'vue-router'
import ContainersView from './views/ContainersView.vue'
import ImagesView from './views/ImagesView.vue'
import VolumesView from './views/VolumesView.vue'
import RegistriesView from './views/RegistriesView.vue'
import BuildView from './views/BuildView.vue'
import ContainerPage from './pages/ContainerPage.vue'
import ContainerLogs from './pages/ContainerLogs.vue'
import ContainerFiles from './pages/ContainerFiles.vue'
import ContainerTerminal from './pages/ContainerTerminal.vue'
import ImagePage from './pages/ImagePage.vue'
import ImageSummary from './pages/ImageSummary.vue'
import ImageLayers from './pages/ImageLayers.vue'
import ImageInspect from './pages/ImageInspect.vue'
import ContainerInspect from './pages/ContainerInspect.vue'
import ContainerChanges from './pages/ContainerChanges.vue'
import ContainerStats from './pages/ContainerStats.vue'
import VolumeFiles from './pages/VolumeFiles.vue'
import NotFound from './pages/NotFound.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/containers' },
    { path: '/containers', name: 'containers', component: ContainersView },
    {
      path: '/containers/:name',
      component: ContainerPage,
      props: true,
      children: [
        { path: '', name: 'container', redirect: (to) => ({ name: 'container-logs', params: to.params, query: to.query }) },
        { path: 'logs', name: 'container-logs', component: ContainerLogs },
        { path: 'files', name: 'container-files', component: ContainerFiles },
        { path: 'inspect', name: 'container-inspect', component: ContainerInspect },
        { path: 'changes', name: 'container-changes', component: ContainerChanges },
        { path: 'stats', name: 'container-stats', component: ContainerStats },
        { path: 'terminal', name: 'container-terminal', component: ContainerTerminal },
      ],
    },
    { path: '/images', name: 'images', component: ImagesView },
    {
      path: '/images/:reference',
      component: ImagePage,
      props: true,
      children: [
        { path: '', name: 'image', component: ImageSummary },
        { path: 'layers', name: 'image-layers', component: ImageLayers },
        { path: 'inspect', name: 'image-inspect', component: ImageInspect },
      ],
    },
    { path: '/volumes', name: 'volumes', component: VolumesView },
    { path: '/volumes/:name/files', name: 'volume-files', component: VolumeFiles, props: true },
    { path: '/registries', name: 'registries', component: RegistriesView },
    { path: '/build', name: 'build', component: BuildView },
    { path: '/:rest(.*)*', name: 'not-found', component: NotFound },
  ],
})
