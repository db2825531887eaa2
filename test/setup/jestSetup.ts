// Adds toHaveReceivedCommand*() matchers for aws-sdk-client-mock to every test file.
import 'aws-sdk-client-mock-jest';
