import { build } from 'esbuild';
build({ entryPoints: [process.argv[2] ?? 'cloudfunctions/user/function.ts'], bundle: true, platform: 'node', target:'node16', format:'cjs', minify:true, write:false, metafile:true, external: ['bufferutil','utf-8-validate','encoding'] }).then(r=>{
  const by: Record<string,number> = {}; let total=0;
  for (const [f, i] of Object.entries(r.metafile!.outputs)) { total += (i as any).bytes; for (const [inp, v] of Object.entries((i as any).inputs)) { const m = inp.match(/node_modules\/((@[^/]+\/)?[^/]+)/); const k = m? m[1] : 'own'; by[k]=(by[k]||0)+(v as any).bytesInOutput; } }
  console.log('total', (total/1024).toFixed(0), 'KB');
  console.log(Object.entries(by).sort((a,b)=>b[1]-a[1]).slice(0,14).map(([k,v])=>k+' '+(v/1024).toFixed(0)).join('\n'));
});
