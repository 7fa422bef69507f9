/** The User Timing mark an extension page sets once its first screen is shown (read by bench:library). */
export const FIRST_SCREEN_MARK = 'pizhu:first-screen';
