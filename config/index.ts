import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro build config for both targets:
 *   weapp → dist/      (project.config.json at the repo root points WeChat DevTools here)
 *   h5    → dist-h5/   (hash routing, served as static files by the local gateway)
 */
/**
 * The back-end files the app imports as values (role labels, error codes, how volunteer minutes
 * read, how a self-study record's length is counted, how the subscribe-template pairs parse, and
 * the closed vocabularies and demand state machine of policy/demand — pure modules without imports of server code), so the server and the
 * app cannot disagree. Nothing else under server/ or cloudfunctions/ is ever bundled into the app;
 * everything else crosses over as types only.
 */
const SHARED_WITH_SERVER = {
  include: [
    'server/core/roles.ts',
    'server/core/errors.ts',
    'cloudfunctions/volunteer/hours.ts',
    'cloudfunctions/study/text.ts',
    'cloudfunctions/policy/terms.ts',
    'cloudfunctions/demand/terms.ts',
    'cloudfunctions/demand/machine.ts',
    'cloudfunctions/notify/templateIds.ts',
  ].map((f) => path.resolve(__dirname, '..', f)),
};

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'redpark',
    date: '2026-11-23',
    // NutUI is drawn on a 375 design, our own styles on 750 (STACK-NOTES → NutUI). REQUIRED.
    designWidth(input: any) {
      return input?.file?.replace(/\\+/g, '/').indexOf('@nutui') > -1 ? 375 : 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      // Always defined, so `process.env.X` never survives into a runtime without `process`.
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV || ''),
      // Subscribe-message template ids the app asks for at its moments (src/domain/subscribe.ts): the
      // deployment's REDPARK_SUBSCRIBE_TEMPLATES as `key=id,…`, passed by scripts/wx-release.ts; none = skip.
      'process.env.TARO_APP_SUBSCRIBE_TEMPLATES': JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATES || ''),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    // weapp: app.json's sitemapLocation points at this file.
    copy: { patterns: isH5 ? [] : [{ from: 'src/sitemap.json', to: 'dist/sitemap.json' }], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // The webpack cache lives in node_modules/.cache; a second checkout that shares node_modules
    // (a git worktree with a linked node_modules) names its own so two builds never write one pack.
    // The platform is part of the name: an h5 pack restored into a weapp build holds plain webpack
    // modules where Taro's mini plugin expects its own (`currentModule.clear is not a function`).
    cache: { enable: true, ...(process.env.REDPARK_BUILD_CACHE ? { name: `${process.env.REDPARK_BUILD_CACHE}-${process.env.TARO_ENV ?? 'any'}` } : {}) },
    mini: {
      compile: SHARED_WITH_SERVER,
      // CSS order between NutUI's per-component styles and ours does not matter (all class
      // selectors); without this mini-css-extract prints "Conflicting order" for every page.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        // Opt-in size analysis: REDPARK_STATS=/tmp/stats.json npm run build:weapp
        const statsFile = process.env.REDPARK_STATS;
        if (statsFile) {
          chain.plugin('redpark-stats').use(
            class {
              apply(compiler: any) {
                compiler.hooks.done.tap('redpark-stats', (stats: any) => {
                  const { chunkGraph, chunks } = stats.compilation;
                  const out: Record<string, Array<[number, string]>> = {};
                  for (const chunk of chunks) {
                    const rows: Array<[number, string]> = [];
                    for (const m of chunkGraph.getChunkModulesIterable(chunk)) {
                      rows.push([m.size(), String(m.readableIdentifier(stats.compilation.requestShortener))]);
                    }
                    out[String(chunk.name ?? chunk.id)] = rows.sort((a, b) => b[0] - a[0]);
                  }
                  require('fs').writeFileSync(statsFile, JSON.stringify(out, null, 1));
                });
              }
            },
          );
        }
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: SHARED_WITH_SERVER,
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
