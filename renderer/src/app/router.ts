// Every place a user can be has a route, so back, forward, reload and pop-out land in the same place.
// Hash history: the built file (Electron loads it from disk) and browser mode both serve one page.
import { createRouter, createWebHashHistory } from 'vue-router'
import ContainersPage from '../features/containers/ContainersPage.vue'
import ImagesPage from '../features/images/ImagesPage.vue'
import VolumesPage from '../features/volumes/VolumesPage.vue'
import RegistriesPage from '../features/registry/RegistriesPage.vue'
import BuildPage from '../features/build/BuildPage.vue'
import ComposePage from '../features/compose/ComposePage.vue'
import ContainerPage from '../features/containers/ContainerPage.vue'
import ContainerLogsTab from '../features/logs/ContainerLogsTab.vue'
import ContainerFilesTab from '../features/files/ContainerFilesTab.vue'
import ContainerTerminalTab from '../features/terminal/ContainerTerminalTab.vue'
import ImagePage from '../features/images/ImagePage.vue'
import ImageSummaryTab from '../features/images/ImageSummaryTab.vue'
import ImageLayersTab from '../features/images/ImageLayersTab.vue'
import ImageInspectTab from '../features/images/ImageInspectTab.vue'
import ContainerInspectTab from '../features/containers/ContainerInspectTab.vue'
import ContainerChangesTab from '../features/containers/ContainerChangesTab.vue'
import ContainerStatsTab from '../features/stats/ContainerStatsTab.vue'
import VolumePage from '../features/volumes/VolumePage.vue'
import VolumeFilesTab from '../features/volumes/VolumeFilesTab.vue'
import VolumeInspectTab from '../features/volumes/VolumeInspectTab.vue'
import NetworksPage from '../features/networks/NetworksPage.vue'
import NetworkPage from '../features/networks/NetworkPage.vue'
import NetworkSummaryTab from '../features/networks/NetworkSummaryTab.vue'
import NetworkInspectTab from '../features/networks/NetworkInspectTab.vue'
import ProjectPage from '../features/projects/ProjectPage.vue'
import ProjectServicesTab from '../features/projects/ProjectServicesTab.vue'
import ProjectLogsTab from '../features/projects/ProjectLogsTab.vue'
import ProjectFileTab from '../features/compose/ProjectFileTab.vue'
import EnginesPage from '../features/engines/EnginesPage.vue'
import NotFoundPage from './NotFoundPage.vue'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/containers' },
    { path: '/containers', name: 'containers', component: ContainersPage },
    {
      path: '/containers/:name',
      component: ContainerPage,
      props: true,
      children: [
        { path: '', name: 'container', redirect: (to) => ({ name: 'container-logs', params: to.params, query: to.query }) },
        { path: 'logs', name: 'container-logs', component: ContainerLogsTab },
        { path: 'files', name: 'container-files', component: ContainerFilesTab },
        { path: 'inspect', name: 'container-inspect', component: ContainerInspectTab },
        { path: 'changes', name: 'container-changes', component: ContainerChangesTab },
        { path: 'stats', name: 'container-stats', component: ContainerStatsTab },
        { path: 'terminal', name: 'container-terminal', component: ContainerTerminalTab },
      ],
    },
    {
      path: '/projects/:name',
      component: ProjectPage,
      props: true,
      children: [
        { path: '', name: 'project', component: ProjectServicesTab },
        { path: 'logs', name: 'project-logs', component: ProjectLogsTab },
        { path: 'file', name: 'project-file', component: ProjectFileTab },
      ],
    },
    { path: '/images', name: 'images', component: ImagesPage },
    {
      path: '/images/:reference',
      component: ImagePage,
      props: true,
      children: [
        { path: '', name: 'image', component: ImageSummaryTab },
        { path: 'layers', name: 'image-layers', component: ImageLayersTab },
        { path: 'inspect', name: 'image-inspect', component: ImageInspectTab },
      ],
    },
    { path: '/volumes', name: 'volumes', component: VolumesPage },
    {
      path: '/volumes/:name',
      component: VolumePage,
      props: true,
      children: [
        { path: '', name: 'volume', redirect: (to) => ({ name: 'volume-files', params: to.params }) },
        { path: 'files', name: 'volume-files', component: VolumeFilesTab },
        { path: 'inspect', name: 'volume-inspect', component: VolumeInspectTab },
      ],
    },
    { path: '/networks', name: 'networks', component: NetworksPage },
    {
      path: '/networks/:name',
      component: NetworkPage,
      props: true,
      children: [
        { path: '', name: 'network', component: NetworkSummaryTab },
        { path: 'inspect', name: 'network-inspect', component: NetworkInspectTab },
      ],
    },
    { path: '/registries', name: 'registries', component: RegistriesPage },
    { path: '/build', name: 'build', component: BuildPage },
    { path: '/compose', name: 'compose', component: ComposePage },
    { path: '/engines', name: 'engines', component: EnginesPage },
    { path: '/:rest(.*)*', name: 'not-found', component: NotFoundPage },
  ],
})
