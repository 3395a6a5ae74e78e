// Build and test configuration. The story folder is the only input that names the story: STORY=data/other builds another.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { storyPlugin } from './src/build/storyPlugin.ts';
import { prerenderPlugin } from './src/build/prerender/prerenderPlugin.ts';
import { classicScript } from './src/build/classicScript.ts';

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
    svelteTesting(),
  ],
  build: {
    target: 'es2022',
    // Map data must stay fetchable files (a strict CSP may forbid data: URLs), never inlined.
    assetsInlineLimit: (file) => (file.endsWith('.geojson') ? false : undefined),
    chunkSizeWarningLimit: 1200,
    // Two entries sharing their chunks: the page (index.html, prerendered) and the script embed, whose file name is
    // fixed (`dist/embed.js`) so newsrooms can link it; everything else keeps hashed names under assets/.
    rolldownOptions: {
      input: { index: 'index.html', embed: 'src/embed.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed.js' : 'assets/[name]-[hash].js'),
        // The small modules every page needs at once share one chunk: fewer requests, and gzip works across them.
        codeSplitting: {
          groups: [
            {
              name: 'explainer-core',
              test: /\/src\/lib\/(format|map\/state|cartography\/styles|scroll\/hostViewport|story\/snapshots)\.ts$/,
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
