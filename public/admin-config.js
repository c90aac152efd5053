// The admin page's widget settings, read by chatbot.js (an external file: the page's CSP allows no inline script).
// No launcher, and the staff's own visits are not the store's traffic: nothing is auto-tracked here.
window.CHATBOT_CONFIG = {
  launcher: false,
  realtimeAnalytics: { autoTrack: { pageViews: false, clicks: false, forms: false, scroll: false, performance: false, errors: false } },
};
