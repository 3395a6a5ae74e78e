// Build and test configuration. The story folder is the only input that names the story: STORY=data/other builds another.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { storyPlugin } from './src/build/storyPlugin.ts';
import { prerenderPlugin } from './src/build/prerender/prerenderPlugin.ts';
import { classicScript } from './src/build/classicScript.ts';
import { EMBED_MOUNT_ENTRY, embedLoader } from './src/build/embedLoader.ts';
import { compileHints } from './src/build/compileHints.ts';

const storyFolder = process.env.STORY ?? 'data/kursk';

export default defineConfig({
  // Relative asset URLs: the build works from any path prefix.
  base: './',
  plugins: [
    svelte({ configFile: false }),
    storyPlugin(storyFolder),
    prerenderPlugin(storyFolder),
    // The iframe embed's host loader, from the same message definitions as the app.
    classicScript('src/embedFrame.ts', 'embed-frame.js'),
    // The script embed's loader, dist/embed.js, built on its own to load the `embed-mount` entry below.
    embedLoader(),
    // Every script compiles as it loads, not at each function's first call on the main thread.
    compileHints(),
    svelteTesting(),
  ],
  // The development server bundles the area chart's libraries at start: found only when a dated step first loads the
  // chart, they made it re-bundle and reload the page, failing the requests already made (504 Outdated Optimize Dep).
  optimizeDeps: { include: ['d3-scale', 'd3-shape'] },
  // MapLibre's worker, wrapped (src/lib/map/mapWorker.ts). Its bundle exports nothing and its package calls it free of
  // side effects, so tree-shaking would drop the very thing the wrapper imports.
  worker: { format: 'es', rolldownOptions: { treeshake: false } },
  build: {
    target: 'es2022',
    // Map data must stay fetchable files (a strict CSP may forbid data: URLs), never inlined.
    assetsInlineLimit: (file) => (file.endsWith('.geojson') ? false : undefined),
    chunkSizeWarningLimit: 1200,
    // Two entries sharing their chunks: the page (index.html, prerendered) and the script embed's explainer, which
    // the loader (dist/embed.js, a fixed name newsrooms link) imports by its hashed name under assets/.
    rolldownOptions: {
      input: { index: 'index.html', [EMBED_MOUNT_ENTRY]: 'src/lib/embed/mount.ts' },
      // The embed's entry keeps its exports (mountEmbed) for the loader.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        // A virtual module's chunk (the locator's land, virtual:story-locator) is named `_virtual_…`: some static
        // hosts (GitHub Pages) do not serve a file whose name starts with an underscore.
        chunkFileNames: ({ name }) => `assets/${name.replace(/^_+/, '')}-[hash].js`,
        // The small modules every page needs at once share one chunk with Svelte's runtime: fewer requests, and gzip
        // works across them.
        codeSplitting: {
          groups: [
            {
              name: 'explainer-core',
              test: /\/src\/lib\/(format|nextTask|map\/state|cartography\/styles|scroll\/hostViewport|story\/(snapshots|mentions|fetchStory))\.ts$|\/node_modules\/svelte\/src\//,
            },
          ],
        },
      },
    },
  },
  test: {
    // Heavy tests (whole-story loads, fuzzing) name their own, longer timeouts; this default leaves room for a busy machine.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/**/*.ssr.test.ts'],
          environment: 'node',
        },
      },
      // Components rendered as the build's prerender renders them: Svelte's server build, without the browser condition.
      {
        plugins: [svelte({ configFile: false })],
        test: { name: 'ssr', include: ['tests/unit/**/*.ssr.test.ts'], environment: 'node', testTimeout: 20_000 },
      },
    ],
  },
});
