/**
 * Document shapes of the study domain (groups, topics, progress, records, quizzes).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */

/** A study group: a branch's own group or a topic group (e.g. 青年党员学习小组). */
export interface StudyGroupDoc {
  name: string;
  kind: 'branch' | 'topic';
  /** The branch of a branch group; null for topic groups. */
  branchId: string | null;
  description: string;
  /** The secretary (or admin) who runs the group; managers are this person, the branch's secretary and admins. */
  ownerOpenid: string;
  /** Join code (unique index); typed by hand, so no 0/O/1/I. */
  inviteCode: string;
  /** WeChat chats bound to the group (the bindings themselves are `studyChats`). */
  chatCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Closed (archived) by an admin (closeGroup, G-13): absent/null while open. A closed group leaves
   * every list, takes no new member or topic, and counts in figures up to `closedMonth` (the park
   * month it was closed in) only; its topics, records and progress stay as history.
   */
  closedAt?: Date | null;
  closedMonth?: string | null;
  closedBy?: string | null;
}

/** A WeChat group chat bound to a study group; `_id` = `chat:<openGId>`, so a chat binds to one group only. */
export interface StudyChatDoc {
  groupId: string;
  openGId: string;
  boundBy: string;
  boundAt: Date;
}

/** Membership; `_id` = `<groupId>:<openid>` and a unique index on (groupId, openid). */
export interface StudyMemberDoc {
  groupId: string;
  openid: string;
  via: 'share' | 'code' | 'owner' | 'added';
  joinedAt: Date;
}

export interface StudyMaterial {
  /** Stable within the topic, so 已学 marks survive edits of other materials. */
  id: string;
  /** channels: a 视频号 video, opened in WeChat with wx.openChannelsActivity (findings G-10). */
  kind: 'text' | 'link' | 'video' | 'channels';
  title: string;
  /** Reading text (text), or a short note (link / video / channels). */
  body: string;
  /** The article or video address (link / video; optional web address for channels); '' for text. */
  url: string;
  /** channels only: the 视频号 id (`sph…`) and the video's feedId, from 视频号助手; nonceId when given. */
  finderUserName?: string;
  feedId?: string;
  nonceId?: string;
}

/** 一月一专题: one topic per group and park month; `_id` = `<groupId>:<YYYY-MM>`. */
export interface StudyTopicDoc {
  groupId: string;
  month: string;
  title: string;
  intro: string;
  materials: StudyMaterial[];
  /** Minimum length of this month's 自学记录, in characters. */
  minRecordChars: number;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One member's month in one group: materials marked read and whether the 自学记录 is written.
 * `_id` = `<groupId>:<month>:<openid>`. Completion figures are aggregated from these rows.
 */
export interface StudyProgressDoc {
  groupId: string;
  month: string;
  openid: string;
  readIds: string[];
  recordChars: number;
  recordAt: Date | null;
  updatedAt: Date;
}

/** 自学记录: `_id` = `<groupId>:<month>:<openid>`, unique (groupId, month, openid). */
export interface StudyRecordDoc {
  groupId: string;
  month: string;
  openid: string;
  content: string;
  chars: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A park week (its Monday, `YYYY-MM-DD`) in which a person studied; `_id` = `<openid>:<week>`. Feeds the streak. */
export interface StudyActivityDoc {
  openid: string;
  week: string;
  at: Date;
}

/**
 * An uploaded image kept apart from the documents that are listed often (the WeChat group's own
 * QR code). `image` is a `cloud://` file id in production or a small data URL locally.
 */
export interface StudyFileDoc {
  groupId: string;
  kind: 'chatQr';
  image: string;
  bytes: number;
  expiresAt: Date;
  uploadedBy: string;
  uploadedAt: Date;
}

export type QuizQuestionType = 'single' | 'multiple' | 'judge';

/** A question of the bank. `answer` (option indexes) and `explanation` never leave the server before a submit. */
export interface QuizQuestionDoc {
  bank: string;
  type: QuizQuestionType;
  stem: string;
  options: string[];
  answer: number[];
  explanation: string;
  active: boolean;
  createdAt: Date;
}

/** 党建知识竞赛: draws `questionCount` questions from `bank` for each attempt. */
export interface QuizDoc {
  title: string;
  description: string;
  /** Open to the members of this group; null = every Party member. */
  groupId: string | null;
  bank: string;
  questionCount: number;
  timeLimitSeconds: number;
  maxAttempts: number;
  opensAt: Date;
  closesAt: Date;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
}

/**
 * One attempt; `_id` = `<quizId>:<openid>:<attemptNo>` with a unique index on the three, so no
 * more than `maxAttempts` attempts can exist. Submitted by a conditional update on
 * `submittedAt: null` and the deadline.
 */
export interface QuizAttemptDoc {
  quizId: string;
  openid: string;
  attemptNo: number;
  questionIds: string[];
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  answers: { questionId: string; choice: number[] }[] | null;
  correct: number | null;
  total: number;
  score: number | null;
}
