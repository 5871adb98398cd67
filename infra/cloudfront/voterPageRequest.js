// CloudFront Function (cloudfront-js-2.0) on the voter page's viewer requests: the same paths as
// the local stack's voterPageFile. `/vote` and `/vote/` are the page's index; the bare domain,
// which people type from a poster, goes to the page. Everything else is looked up as it is.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls it by name
function handler(event) {
  var request = event.request;
  if (request.uri === '/') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/vote' } } };
  }
  if (request.uri === '/vote' || request.uri === '/vote/') request.uri = '/vote/index.html';
  return request;
}
