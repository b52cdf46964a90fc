/** The emoji grid of the toolbar: common, neutral ones for work messages (inserted as text). */
export const EMOJI = ['😀', '🙂', '😉', '😊', '😂', '🤔', '😮', '😢', '👍', '👎', '👏', '🙏', '💪', '🎉', '❤️', '🔥',
  '✅', '❌', '⚠️', '❗', '❓', '📌', '📎', '📅', '⏰', '📞', '📧', '💡', '🚀', '☕', '🌧️', '☀️'] as const;
