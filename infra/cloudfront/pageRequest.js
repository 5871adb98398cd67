// CloudFront Function (cloudfront-js-2.0) on the pages' viewer requests: the same paths as the
// local stack's localFiles. `/vote`, `/admin`, `/observe` and `/trustee`, with or without a slash, are each
// page's index; the bare domain, which people type from a poster, goes to the voter page.
// Everything else is looked up as it is.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- CloudFront calls it by name
function handler(event) {
  var request = event.request;
  if (request.uri === '/') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/vote' } } };
  }
  var page = /^\/(vote|admin|observe|trustee)\/?$/.exec(request.uri);
  if (page) request.uri = '/' + page[1] + '/index.html';
  return request;
}
