/** `npm start`: the local service center (scripts/start.sh installs and builds first). */
import { startGateway } from './gateway';
import { DEMO_CALLERS } from './demo';

async function run(): Promise<void> {
  const gw = await startGateway();
  console.log(`\n红色园区 RedPark 本地党群服务中心已启动：${gw.url}\n`);
  console.log('演示身份（网页版首次打开时选择；接口调用时放在 X-WX-OPENID 请求头）：');
  for (const c of DEMO_CALLERS) console.log(`  ${c.openid.padEnd(22)} ${c.label}（${c.name}，${c.note}）`);
  console.log(`\n数据目录：${process.env.REDPARK_DATA_DIR ?? '.data/'}   按 Ctrl+C 停止。\n`);
  const stop = async () => {
    await gw.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((err) => {
  if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`启动失败：端口 ${process.env.PORT ?? 8080} 已被占用（可能已有一个服务中心在运行）。可用 PORT=8081 npm start 换一个端口。`);
    process.exit(1);
  }
  console.error('启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
