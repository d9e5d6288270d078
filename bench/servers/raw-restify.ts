import restify from 'restify';

/** Baseline: restify parsing a JSON body and answering 200, nothing else. */
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (_req, res) => {
  res.send(200);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
