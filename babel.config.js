// Babel config for Taro (React + TypeScript).
// The NutUI import plugin entry is REQUIRED: without `customStyleName` NutUI's component CSS
// is silently missing (see /work/shared/STACK-NOTES.md → NutUI React Taro).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => '@nutui/nutui-react-taro/dist/es/packages/' + name.toLowerCase(),
        customStyleName: (name) => '@nutui/nutui-react-taro/dist/es/packages/' + name.toLowerCase() + '/style/css',
      },
      'nutui-react-taro',
    ],
  ],
};
