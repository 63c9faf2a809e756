import { measure } from './size.js';
for (const e of process.argv.slice(2)) console.log(e, JSON.stringify(await measure(e)));
