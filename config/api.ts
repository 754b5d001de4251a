export default {
  // strictParams: an unknown query key on Strapi's REST routes is refused (400), not silently ignored.
  rest: { defaultLimit: 20, maxLimit: 100, withCount: true, strictParams: true },
};
