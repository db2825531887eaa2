import { StateMachine } from 'aws-local-stepfunctions';
const def: any = { StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [
  { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A2' }, A2: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:x', End: true } } },
  { StartAt: 'B', States: { B: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'M', States: { M: { Type: 'Pass', End: true } } }, End: true } } },
] } } };
const sm = new StateMachine(def, { validationOptions: { checkArn: false } });
console.log('mutated?', JSON.stringify(def).includes('QueryLanguage'));
async function main(){
const ex = sm.run({ items: [1, 2, 3] }, { overrides: { taskResourceLocalHandlers: { A2: async (i: any) => { const e = new Error('boom'); e.name = 'FooError'; if (Math.random() > 2) throw e; return i; } } } });
const evs: any[] = [];
const drain = (async () => { for await (const e of ex.eventLogs) evs.push(e); })();
const r = await ex.result;
await drain;
console.log(JSON.stringify(r));
for (const e of evs) console.log(e.type, e.state?.name ?? '', e.index ?? '', e.parentState?.name ?? '');
}
void main();
