// Whose data a feature store holds. A feature store (in its page's lazy chunk) claims its data
// for the signed-in user when the page opens: for another user than last time (after sign-out
// and sign-in) it starts from scratch. Its afterReset (stores/lifecycle.ts) forgets the owner.
export function ownedData(reset: () => void) {
  let owner: string | null = null;
  return {
    /** The page opened for `userId`: a different user than the data's gets a reset store. */
    claim(userId: string | null) {
      if (owner === userId) return;
      reset();
      owner = userId;
    },
    /** After a session reset: the data belongs to no one; the next claim starts from scratch. */
    forget() {
      owner = null;
    },
  };
}
