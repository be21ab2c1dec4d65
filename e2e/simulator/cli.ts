// Runs the bot-platform simulator on its own, for trying the handoff API by hand:
//   PHOENIX_URL=http://localhost:3000 PHOENIX_API_KEY=phx_… WEBHOOK_SECRET=whsec_… bun e2e/simulator/cli.ts
// It prints every verified webhook and, with ECHO=1, answers each agent message as the contact.
import { BotSimulator } from './simulator';

const sim = BotSimulator.start({
  ...(process.env.WEBHOOK_SECRET ? { secret: process.env.WEBHOOK_SECRET } : {}),
  onEvent: async (event, s) => {
    console.log(`${event.type} ${event.eventId}`, JSON.stringify(event.payload.data));
    const message = event.payload.data?.message;
    if (process.env.ECHO === '1' && event.type === 'message.created' && message?.author?.kind === 'agent') {
      const res = await s.contactSays(event.payload.data.chat.id, `You said: ${message.text}`, `echo-${message.id}`);
      console.log(`  relayed the contact's answer: ${res.status}`);
    }
  },
});
if (process.env.PHOENIX_URL && process.env.PHOENIX_API_KEY) sim.connect(process.env.PHOENIX_URL, process.env.PHOENIX_API_KEY);
console.log(`bot simulator listening; set the webhook URL to ${sim.webhookUrl}`);
