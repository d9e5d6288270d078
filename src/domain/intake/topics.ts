/** Intake / contact topic codes (GLOSSARY §2a). Labels come from i18n (`topic.<code>`). */
export const TOPIC_CODES = [
  'residence_permit',
  'work_jobseeking',
  'studies_language',
  'housing',
  'kela_benefits',
  'health',
  'family_children',
  'registration_everyday',
  'other',
] as const;
export type TopicCode = (typeof TOPIC_CODES)[number];

/** Contact channel codes (GLOSSARY §2b). */
export const CHANNEL_CODES = ['teams_meeting', 'phone', 'walk_in', 'email', 'chat'] as const;
export type ChannelCode = (typeof CHANNEL_CODES)[number];
