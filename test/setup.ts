import nock from 'nock';

// No test touches the network: any request nock does not expect fails the test.
nock.disableNetConnect();
