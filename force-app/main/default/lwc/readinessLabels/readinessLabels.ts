/**
 * Every text the admin UI shows, as custom labels (force-app/main/default/labels), so that an org can
 * translate them. Components read LABELS; fill() puts values into the {0}, {1}... placeholders.
 */
import APP_TITLE from '@salesforce/label/c.Readiness_App_Title';
import CANCEL from '@salesforce/label/c.Readiness_Cancel';
import CARD_NO_PROBLEMS from '@salesforce/label/c.Readiness_Card_No_Problems';
import CARD_NO_USER from '@salesforce/label/c.Readiness_Card_No_User';
import CARD_OPEN from '@salesforce/label/c.Readiness_Card_Open';
import CARD_TITLE from '@salesforce/label/c.Readiness_Card_Title';
import CARD_TOP_PROBLEMS from '@salesforce/label/c.Readiness_Card_Top_Problems';
import CAUSE_ACTION from '@salesforce/label/c.Readiness_Cause_Action';
import CAUSE_EXPLAINS_MANY from '@salesforce/label/c.Readiness_Cause_Explains_Many';
import CAUSE_EXPLAINS_ONE from '@salesforce/label/c.Readiness_Cause_Explains_One';
import CAUSE_FIX from '@salesforce/label/c.Readiness_Cause_Fix';
import CAUSE_HEADING from '@salesforce/label/c.Readiness_Cause_Heading';
import CAUSE_HIDE from '@salesforce/label/c.Readiness_Cause_Hide';
import CAUSE_SHOW from '@salesforce/label/c.Readiness_Cause_Show';
import CAUSED_BY from '@salesforce/label/c.Readiness_Caused_By';
import CHANGE_USER from '@salesforce/label/c.Readiness_Change_User';
import CHECKED_AT from '@salesforce/label/c.Readiness_Checked_At';
import CHG_ALSO_REMOVES from '@salesforce/label/c.Readiness_Chg_Also_Removes';
import CHG_ASSIGN from '@salesforce/label/c.Readiness_Chg_Assign';
import CHG_DELETE_PS from '@salesforce/label/c.Readiness_Chg_Delete_Ps';
import CHG_DEPENDENCIES from '@salesforce/label/c.Readiness_Chg_Dependencies';
import CHG_ENSURE_PS from '@salesforce/label/c.Readiness_Chg_Ensure_Ps';
import CHG_FIELD from '@salesforce/label/c.Readiness_Chg_Field';
import CHG_IN_SET from '@salesforce/label/c.Readiness_Chg_In_Set';
import CHG_IN_USER from '@salesforce/label/c.Readiness_Chg_In_User';
import CHG_OBJECT from '@salesforce/label/c.Readiness_Chg_Object';
import CHG_OBJECT_ALL from '@salesforce/label/c.Readiness_Chg_Object_All';
import CHG_REMOVE from '@salesforce/label/c.Readiness_Chg_Remove';
import CHG_SYSTEM from '@salesforce/label/c.Readiness_Chg_System';
import CHG_USER_FLAG from '@salesforce/label/c.Readiness_Chg_User_Flag';
import CHG_USER_NOW from '@salesforce/label/c.Readiness_Chg_User_Now';
import CLOSE from '@salesforce/label/c.Readiness_Close';
import CONSOLE_SUBTITLE from '@salesforce/label/c.Readiness_Console_Subtitle';
import COPIED from '@salesforce/label/c.Readiness_Copied';
import COPY_FAILED from '@salesforce/label/c.Readiness_Copy_Failed';
import COPY_MARKDOWN from '@salesforce/label/c.Readiness_Copy_Markdown';
import CSV_HEADER from '@salesforce/label/c.Readiness_Csv_Header';
import DETAILS from '@salesforce/label/c.Readiness_Details';
import ERROR_TITLE from '@salesforce/label/c.Readiness_Error_Title';
import EVIDENCE from '@salesforce/label/c.Readiness_Evidence';
import EXPORT_CSV from '@salesforce/label/c.Readiness_Export_Csv';
import EXPORT_TITLE from '@salesforce/label/c.Readiness_Export_Title';
import FIX from '@salesforce/label/c.Readiness_Fix';
import FIX_ALL_COUNT from '@salesforce/label/c.Readiness_Fix_All_Count';
import FIX_ALL_NONE from '@salesforce/label/c.Readiness_Fix_All_None';
import FIX_ALL_ONE from '@salesforce/label/c.Readiness_Fix_All_One';
import FIX_CHECK_ARIA from '@salesforce/label/c.Readiness_Fix_Check_Aria';
import FIX_DISABLED_BODY from '@salesforce/label/c.Readiness_Fix_Disabled_Body';
import FIX_DISABLED_TITLE from '@salesforce/label/c.Readiness_Fix_Disabled_Title';
import FIX_REFUSED from '@salesforce/label/c.Readiness_Fix_Refused';
import GRANT_GIVES from '@salesforce/label/c.Readiness_Grant_Gives';
import GRANT_NAME from '@salesforce/label/c.Readiness_Grant_Name';
import GRANT_OTHER_USERS from '@salesforce/label/c.Readiness_Grant_Other_Users';
import GRANT_RIGHT from '@salesforce/label/c.Readiness_Grant_Right';
import GRANT_RIGHT_TITLE from '@salesforce/label/c.Readiness_Grant_Right_Title';
import GRANT_TYPE from '@salesforce/label/c.Readiness_Grant_Type';
import GRANTED_BY from '@salesforce/label/c.Readiness_Granted_By';
import HIDE_DETAILS from '@salesforce/label/c.Readiness_Hide_Details';
import HOW_TO_FIX from '@salesforce/label/c.Readiness_How_To_Fix';
import INCOMPLETE_MANY from '@salesforce/label/c.Readiness_Incomplete_Many';
import INCOMPLETE_ONE from '@salesforce/label/c.Readiness_Incomplete_One';
import INCOMPLETE_RIGHTS from '@salesforce/label/c.Readiness_Incomplete_Rights';
import INCOMPLETE_TITLE from '@salesforce/label/c.Readiness_Incomplete_Title';
import INCOMPLETE_UNMAPPED from '@salesforce/label/c.Readiness_Incomplete_Unmapped';
import INCOMPLETE_UNMAPPED_ONE from '@salesforce/label/c.Readiness_Incomplete_Unmapped_One';
import LOADING from '@salesforce/label/c.Readiness_Loading';
import LOG_CANNOT_UNDO from '@salesforce/label/c.Readiness_Log_Cannot_Undo';
import LOG_EMPTY from '@salesforce/label/c.Readiness_Log_Empty';
import LOG_HIDE_CHANGES from '@salesforce/label/c.Readiness_Log_Hide_Changes';
import LOG_NOTHING from '@salesforce/label/c.Readiness_Log_Nothing';
import LOG_NOTHING_TO_UNDO from '@salesforce/label/c.Readiness_Log_Nothing_To_Undo';
import LOG_PARTLY_UNDONE from '@salesforce/label/c.Readiness_Log_Partly_Undone';
import LOG_SHOW_CHANGES from '@salesforce/label/c.Readiness_Log_Show_Changes';
import LOG_TITLE from '@salesforce/label/c.Readiness_Log_Title';
import LOG_UNDO from '@salesforce/label/c.Readiness_Log_Undo';
import LOG_UNDO_ARIA from '@salesforce/label/c.Readiness_Log_Undo_Aria';
import LOG_UNDO_OF from '@salesforce/label/c.Readiness_Log_Undo_Of';
import LOG_UNDONE from '@salesforce/label/c.Readiness_Log_Undone';
import LOG_UNDONE_BY from '@salesforce/label/c.Readiness_Log_Undone_By';
import LOGINS_APPLICATION from '@salesforce/label/c.Readiness_Logins_Application';
import LOGINS_EMPTY from '@salesforce/label/c.Readiness_Logins_Empty';
import LOGINS_FAILED from '@salesforce/label/c.Readiness_Logins_Failed';
import LOGINS_IP from '@salesforce/label/c.Readiness_Logins_Ip';
import LOGINS_NO_ACCESS from '@salesforce/label/c.Readiness_Logins_No_Access';
import LOGINS_STATUS from '@salesforce/label/c.Readiness_Logins_Status';
import LOGINS_TIME from '@salesforce/label/c.Readiness_Logins_Time';
import LOGINS_TITLE from '@salesforce/label/c.Readiness_Logins_Title';
import LOGINS_TYPE from '@salesforce/label/c.Readiness_Logins_Type';
import MANUAL_CHECKS from '@salesforce/label/c.Readiness_Manual_Checks';
import MANUAL_CHECKS_HELP from '@salesforce/label/c.Readiness_Manual_Checks_Help';
import MAP_FIELD from '@salesforce/label/c.Readiness_Map_Field';
import MAPPING_CURRENT from '@salesforce/label/c.Readiness_Mapping_Current';
import MAPPING_DEFAULT from '@salesforce/label/c.Readiness_Mapping_Default';
import MAPPING_HARD_BOUNCE from '@salesforce/label/c.Readiness_Mapping_Hard_Bounce';
import MAPPING_HELP from '@salesforce/label/c.Readiness_Mapping_Help';
import MAPPING_LEAD_SCORE from '@salesforce/label/c.Readiness_Mapping_Lead_Score';
import MAPPING_NO_SUITABLE from '@salesforce/label/c.Readiness_Mapping_No_Suitable';
import MAPPING_NOT_MAPPED from '@salesforce/label/c.Readiness_Mapping_Not_Mapped';
import MAPPING_PLACEHOLDER from '@salesforce/label/c.Readiness_Mapping_Placeholder';
import MAPPING_PROBLEM_BOUNCE from '@salesforce/label/c.Readiness_Mapping_Problem_Bounce';
import MAPPING_PROBLEM_LENGTH from '@salesforce/label/c.Readiness_Mapping_Problem_Length';
import MAPPING_PROBLEM_READ_ONLY from '@salesforce/label/c.Readiness_Mapping_Problem_Read_Only';
import MAPPING_PROBLEM_RICH_TEXT from '@salesforce/label/c.Readiness_Mapping_Problem_Rich_Text';
import MAPPING_PROBLEM_SCORE from '@salesforce/label/c.Readiness_Mapping_Problem_Score';
import MAPPING_PROBLEM_STANDARD from '@salesforce/label/c.Readiness_Mapping_Problem_Standard';
import MAPPING_SAVED from '@salesforce/label/c.Readiness_Mapping_Saved';
import MAPPING_SAVING from '@salesforce/label/c.Readiness_Mapping_Saving';
import MAPPING_TITLE from '@salesforce/label/c.Readiness_Mapping_Title';
import MAPPING_PASSWORD_POLICY from '@salesforce/label/c.Readiness_mappingPasswordPolicy';
import MAPPING_PASSWORD_POLICY_HELP from '@salesforce/label/c.Readiness_mappingPasswordPolicyHelp';
import MD_NO_PROBLEMS from '@salesforce/label/c.Readiness_Md_No_Problems';
import MD_PROBLEMS from '@salesforce/label/c.Readiness_Md_Problems';
import MD_SCORE from '@salesforce/label/c.Readiness_Md_Score';
import MD_SUMMARY_SHOWN from '@salesforce/label/c.Readiness_Md_Summary_Shown';
import MD_TITLE from '@salesforce/label/c.Readiness_Md_Title';
import MODAL_AFTER from '@salesforce/label/c.Readiness_Modal_After';
import MODAL_ALSO_TICKED from '@salesforce/label/c.Readiness_Modal_Also_Ticked';
import MODAL_ALSO_UNTICKED from '@salesforce/label/c.Readiness_Modal_Also_Unticked';
import MODAL_APPLYING from '@salesforce/label/c.Readiness_Modal_Applying';
import MODAL_COMES_WITH from '@salesforce/label/c.Readiness_Modal_Comes_With';
import MODAL_CONFIRM from '@salesforce/label/c.Readiness_Modal_Confirm';
import MODAL_CONFIRM_ONE from '@salesforce/label/c.Readiness_Modal_Confirm_One';
import MODAL_DESCRIPTION from '@salesforce/label/c.Readiness_Modal_Description';
import MODAL_FAILED from '@salesforce/label/c.Readiness_Modal_Failed';
import MODAL_FOR_CHECKS from '@salesforce/label/c.Readiness_Modal_For_Checks';
import MODAL_HIDE_REASONS from '@salesforce/label/c.Readiness_Modal_Hide_Reasons';
import MODAL_LEFT from '@salesforce/label/c.Readiness_Modal_Left';
import MODAL_NO_CHANGES from '@salesforce/label/c.Readiness_Modal_No_Changes';
import MODAL_OPEN_LOG from '@salesforce/label/c.Readiness_Modal_Open_Log';
import MODAL_REPLAN from '@salesforce/label/c.Readiness_Modal_Replan';
import MODAL_RESULT_MANY from '@salesforce/label/c.Readiness_Modal_Result_Many';
import MODAL_RESULT_ONE from '@salesforce/label/c.Readiness_Modal_Result_One';
import MODAL_RESULT_SCORE from '@salesforce/label/c.Readiness_Modal_Result_Score';
import MODAL_RESULT_TITLE from '@salesforce/label/c.Readiness_Modal_Result_Title';
import MODAL_SHOW_REASONS from '@salesforce/label/c.Readiness_Modal_Show_Reasons';
import MODAL_SKIPPED from '@salesforce/label/c.Readiness_Modal_Skipped';
import MODAL_STILL_FAILING from '@salesforce/label/c.Readiness_Modal_Still_Failing';
import MODAL_TICK_ALL from '@salesforce/label/c.Readiness_Modal_Tick_All';
import MODAL_TICK_ARIA from '@salesforce/label/c.Readiness_Modal_Tick_Aria';
import MODAL_TICKED from '@salesforce/label/c.Readiness_Modal_Ticked';
import MODAL_TITLE from '@salesforce/label/c.Readiness_Modal_Title';
import MODAL_UNDO_DESCRIPTION from '@salesforce/label/c.Readiness_Modal_Undo_Description';
import MODAL_UNDO_RESULT_TITLE from '@salesforce/label/c.Readiness_Modal_Undo_Result_Title';
import MODAL_UNDO_TITLE from '@salesforce/label/c.Readiness_Modal_Undo_Title';
import MODAL_UNTICK_ALL from '@salesforce/label/c.Readiness_Modal_Untick_All';
import MODAL_WARNINGS from '@salesforce/label/c.Readiness_Modal_Warnings';
import NO_PROBLEMS from '@salesforce/label/c.Readiness_No_Problems';
import NOTICE_APPLIED_MANY from '@salesforce/label/c.Readiness_Notice_Applied_Many';
import NOTICE_APPLIED_ONE from '@salesforce/label/c.Readiness_Notice_Applied_One';
import OPEN_LOG from '@salesforce/label/c.Readiness_Open_Log';
import OPEN_SETUP from '@salesforce/label/c.Readiness_Open_Setup';
import PASSED_TOGGLE from '@salesforce/label/c.Readiness_Passed_Toggle';
import PERM_CUSTOM from '@salesforce/label/c.Readiness_Perm_Custom';
import PERM_HINT from '@salesforce/label/c.Readiness_Perm_Hint';
import PICKER_CURRENT from '@salesforce/label/c.Readiness_Picker_Current';
import PICKER_HELP from '@salesforce/label/c.Readiness_Picker_Help';
import PICKER_INACTIVE from '@salesforce/label/c.Readiness_Picker_Inactive';
import PICKER_LAST_LOGIN from '@salesforce/label/c.Readiness_Picker_Last_Login';
import PICKER_LOOK from '@salesforce/label/c.Readiness_Picker_Look';
import PICKER_LOOK_SELECTED from '@salesforce/label/c.Readiness_Picker_Look_Selected';
import PICKER_NEVER_LOGGED_IN from '@salesforce/label/c.Readiness_Picker_Never_Logged_In';
import PICKER_NO_SUGGESTIONS from '@salesforce/label/c.Readiness_Picker_No_Suggestions';
import PICKER_OTHER from '@salesforce/label/c.Readiness_Picker_Other';
import PICKER_RECORD_LABEL from '@salesforce/label/c.Readiness_Picker_Record_Label';
import PICKER_RECORD_PLACEHOLDER from '@salesforce/label/c.Readiness_Picker_Record_Placeholder';
import PICKER_SAVING from '@salesforce/label/c.Readiness_Picker_Saving';
import PICKER_SKIPPED from '@salesforce/label/c.Readiness_Picker_Skipped';
import PICKER_SUGGESTED from '@salesforce/label/c.Readiness_Picker_Suggested';
import PICKER_TITLE from '@salesforce/label/c.Readiness_Picker_Title';
import PICKER_USE from '@salesforce/label/c.Readiness_Picker_Use';
import PICKER_USE_SELECTED from '@salesforce/label/c.Readiness_Picker_Use_Selected';
import PROBLEMS_IN_SECTION from '@salesforce/label/c.Readiness_Problems_In_Section';
import PROBLEMS_IN_SECTION_ONE from '@salesforce/label/c.Readiness_Problems_In_Section_One';
import PROFILE_LICENSE from '@salesforce/label/c.Readiness_Profile_License';
import REFRESH from '@salesforce/label/c.Readiness_Refresh';
import REQUIREMENT from '@salesforce/label/c.Readiness_Requirement';
import RETRY from '@salesforce/label/c.Readiness_Retry';
import ROOT_CAUSES_HELP from '@salesforce/label/c.Readiness_Root_Causes_Help';
import ROOT_CAUSES_TITLE from '@salesforce/label/c.Readiness_Root_Causes_Title';
import SAVE from '@salesforce/label/c.Readiness_Save';
import SAVE_NEEDS from '@salesforce/label/c.Readiness_Save_Needs';
import SCORE_OF from '@salesforce/label/c.Readiness_Score_Of';
import SCORE_RANGE_OF from '@salesforce/label/c.Readiness_Score_Range_Of';
import SCORE_RANGE_TEXT from '@salesforce/label/c.Readiness_Score_Range_Text';
import SEV_BLOCKER from '@salesforce/label/c.Readiness_Sev_Blocker';
import SEV_INFO from '@salesforce/label/c.Readiness_Sev_Info';
import SEV_RECOMMENDED from '@salesforce/label/c.Readiness_Sev_Recommended';
import SEV_REQUIRED from '@salesforce/label/c.Readiness_Sev_Required';
import SNAPSHOT_INVALID from '@salesforce/label/c.Readiness_Snapshot_Invalid';
import SOURCE from '@salesforce/label/c.Readiness_Source';
import SRC_GROUP from '@salesforce/label/c.Readiness_Src_Group';
import SRC_PERMISSION_SET from '@salesforce/label/c.Readiness_Src_Permission_Set';
import SRC_PROFILE from '@salesforce/label/c.Readiness_Src_Profile';
import SRC_SESSION from '@salesforce/label/c.Readiness_Src_Session';
import ST_FAIL from '@salesforce/label/c.Readiness_St_Fail';
import ST_NA from '@salesforce/label/c.Readiness_St_Na';
import ST_PASS from '@salesforce/label/c.Readiness_St_Pass';
import ST_UNKNOWN from '@salesforce/label/c.Readiness_St_Unknown';
import ST_WARN from '@salesforce/label/c.Readiness_St_Warn';
import STATUS_AT_RISK from '@salesforce/label/c.Readiness_Status_At_Risk';
import STATUS_BLOCKED from '@salesforce/label/c.Readiness_Status_Blocked';
import STATUS_READY from '@salesforce/label/c.Readiness_Status_Ready';
import STATUS_READY_INCOMPLETE from '@salesforce/label/c.Readiness_Status_Ready_Incomplete';
import SUMMARY_COUNTS from '@salesforce/label/c.Readiness_Summary_Counts';
import TAB_CHECKS from '@salesforce/label/c.Readiness_Tab_Checks';
import TAB_FIX_LOG from '@salesforce/label/c.Readiness_Tab_Fix_Log';
import TAB_LOGINS from '@salesforce/label/c.Readiness_Tab_Logins';
import TAB_MAPPING from '@salesforce/label/c.Readiness_Tab_Mapping';
import TAB_SELECT from '@salesforce/label/c.Readiness_Tab_Select';
import THIS_USER from '@salesforce/label/c.Readiness_This_User';
import UNKNOWN_COUNT from '@salesforce/label/c.Readiness_Unknown_Count';
import UNKNOWN_ERROR from '@salesforce/label/c.Readiness_Unknown_Error';
import USE_THIS_USER from '@salesforce/label/c.Readiness_Use_This_User';
import USER_LINE from '@salesforce/label/c.Readiness_User_Line';
import VAL_ASSIGNED from '@salesforce/label/c.Readiness_Val_Assigned';
import VAL_CREATED from '@salesforce/label/c.Readiness_Val_Created';
import VAL_DELETED from '@salesforce/label/c.Readiness_Val_Deleted';
import VAL_EXISTS from '@salesforce/label/c.Readiness_Val_Exists';
import VAL_EXPIRED from '@salesforce/label/c.Readiness_Val_Expired';
import VAL_MISSING from '@salesforce/label/c.Readiness_Val_Missing';
import VAL_NONE from '@salesforce/label/c.Readiness_Val_None';
import VAL_NOT_ASSIGNED from '@salesforce/label/c.Readiness_Val_Not_Assigned';
import VAL_OFF from '@salesforce/label/c.Readiness_Val_Off';
import VAL_ON from '@salesforce/label/c.Readiness_Val_On';
import VAL_READ from '@salesforce/label/c.Readiness_Val_Read';
import VAL_READ_EDIT from '@salesforce/label/c.Readiness_Val_Read_Edit';
import VAL_REMOVED from '@salesforce/label/c.Readiness_Val_Removed';
import VIEW_LABEL from '@salesforce/label/c.Readiness_View_Label';
import VIEW_PROBLEMS from '@salesforce/label/c.Readiness_View_Problems';
import VIEW_SECTIONS from '@salesforce/label/c.Readiness_View_Sections';
import VIEWING_OTHER from '@salesforce/label/c.Readiness_Viewing_Other';
import WHY_IT_MATTERS from '@salesforce/label/c.Readiness_Why_It_Matters';

export const LABELS = {
  appTitle: APP_TITLE,
  cancel: CANCEL,
  cardNoProblems: CARD_NO_PROBLEMS,
  cardNoUser: CARD_NO_USER,
  cardOpen: CARD_OPEN,
  cardTitle: CARD_TITLE,
  cardTopProblems: CARD_TOP_PROBLEMS,
  causeAction: CAUSE_ACTION,
  causedBy: CAUSED_BY,
  causeExplainsMany: CAUSE_EXPLAINS_MANY,
  causeExplainsOne: CAUSE_EXPLAINS_ONE,
  causeFix: CAUSE_FIX,
  causeHeading: CAUSE_HEADING,
  causeHide: CAUSE_HIDE,
  causeShow: CAUSE_SHOW,
  changeUser: CHANGE_USER,
  checkedAt: CHECKED_AT,
  chgAlsoRemoves: CHG_ALSO_REMOVES,
  chgAssign: CHG_ASSIGN,
  chgDeletePs: CHG_DELETE_PS,
  chgDependencies: CHG_DEPENDENCIES,
  chgEnsurePs: CHG_ENSURE_PS,
  chgField: CHG_FIELD,
  chgInSet: CHG_IN_SET,
  chgInUser: CHG_IN_USER,
  chgObject: CHG_OBJECT,
  chgObjectAll: CHG_OBJECT_ALL,
  chgRemove: CHG_REMOVE,
  chgSystem: CHG_SYSTEM,
  chgUserFlag: CHG_USER_FLAG,
  chgUserNow: CHG_USER_NOW,
  close: CLOSE,
  consoleSubtitle: CONSOLE_SUBTITLE,
  copied: COPIED,
  copyFailed: COPY_FAILED,
  copyMarkdown: COPY_MARKDOWN,
  csvHeader: CSV_HEADER,
  details: DETAILS,
  errorTitle: ERROR_TITLE,
  evidence: EVIDENCE,
  exportCsv: EXPORT_CSV,
  exportTitle: EXPORT_TITLE,
  fix: FIX,
  fixAllCount: FIX_ALL_COUNT,
  fixAllNone: FIX_ALL_NONE,
  fixAllOne: FIX_ALL_ONE,
  fixCheckAria: FIX_CHECK_ARIA,
  fixDisabledBody: FIX_DISABLED_BODY,
  fixDisabledTitle: FIX_DISABLED_TITLE,
  fixRefused: FIX_REFUSED,
  grantedBy: GRANTED_BY,
  grantGives: GRANT_GIVES,
  grantName: GRANT_NAME,
  grantOtherUsers: GRANT_OTHER_USERS,
  grantRight: GRANT_RIGHT,
  grantRightTitle: GRANT_RIGHT_TITLE,
  grantType: GRANT_TYPE,
  hideDetails: HIDE_DETAILS,
  howToFix: HOW_TO_FIX,
  incompleteMany: INCOMPLETE_MANY,
  incompleteOne: INCOMPLETE_ONE,
  incompleteRights: INCOMPLETE_RIGHTS,
  incompleteTitle: INCOMPLETE_TITLE,
  incompleteUnmapped: INCOMPLETE_UNMAPPED,
  incompleteUnmappedOne: INCOMPLETE_UNMAPPED_ONE,
  loading: LOADING,
  logCannotUndo: LOG_CANNOT_UNDO,
  logEmpty: LOG_EMPTY,
  logHideChanges: LOG_HIDE_CHANGES,
  loginsApplication: LOGINS_APPLICATION,
  loginsEmpty: LOGINS_EMPTY,
  loginsFailed: LOGINS_FAILED,
  loginsIp: LOGINS_IP,
  loginsNoAccess: LOGINS_NO_ACCESS,
  loginsStatus: LOGINS_STATUS,
  loginsTime: LOGINS_TIME,
  loginsTitle: LOGINS_TITLE,
  loginsType: LOGINS_TYPE,
  logNothing: LOG_NOTHING,
  logNothingToUndo: LOG_NOTHING_TO_UNDO,
  logPartlyUndone: LOG_PARTLY_UNDONE,
  logShowChanges: LOG_SHOW_CHANGES,
  logTitle: LOG_TITLE,
  logUndo: LOG_UNDO,
  logUndoAria: LOG_UNDO_ARIA,
  logUndone: LOG_UNDONE,
  logUndoneBy: LOG_UNDONE_BY,
  logUndoOf: LOG_UNDO_OF,
  manualChecks: MANUAL_CHECKS,
  manualChecksHelp: MANUAL_CHECKS_HELP,
  mapField: MAP_FIELD,
  mappingCurrent: MAPPING_CURRENT,
  mappingDefault: MAPPING_DEFAULT,
  mappingHardBounce: MAPPING_HARD_BOUNCE,
  mappingHelp: MAPPING_HELP,
  mappingLeadScore: MAPPING_LEAD_SCORE,
  mappingNoSuitable: MAPPING_NO_SUITABLE,
  mappingNotMapped: MAPPING_NOT_MAPPED,
  mappingPasswordPolicy: MAPPING_PASSWORD_POLICY,
  mappingPasswordPolicyHelp: MAPPING_PASSWORD_POLICY_HELP,
  mappingPlaceholder: MAPPING_PLACEHOLDER,
  mappingProblemBounce: MAPPING_PROBLEM_BOUNCE,
  mappingProblemLength: MAPPING_PROBLEM_LENGTH,
  mappingProblemReadOnly: MAPPING_PROBLEM_READ_ONLY,
  mappingProblemRichText: MAPPING_PROBLEM_RICH_TEXT,
  mappingProblemScore: MAPPING_PROBLEM_SCORE,
  mappingProblemStandard: MAPPING_PROBLEM_STANDARD,
  mappingSaved: MAPPING_SAVED,
  mappingSaving: MAPPING_SAVING,
  mappingTitle: MAPPING_TITLE,
  mdNoProblems: MD_NO_PROBLEMS,
  mdProblems: MD_PROBLEMS,
  mdScore: MD_SCORE,
  mdSummaryShown: MD_SUMMARY_SHOWN,
  mdTitle: MD_TITLE,
  modalAfter: MODAL_AFTER,
  modalAlsoTicked: MODAL_ALSO_TICKED,
  modalAlsoUnticked: MODAL_ALSO_UNTICKED,
  modalApplying: MODAL_APPLYING,
  modalComesWith: MODAL_COMES_WITH,
  modalConfirm: MODAL_CONFIRM,
  modalConfirmOne: MODAL_CONFIRM_ONE,
  modalDescription: MODAL_DESCRIPTION,
  modalFailed: MODAL_FAILED,
  modalForChecks: MODAL_FOR_CHECKS,
  modalHideReasons: MODAL_HIDE_REASONS,
  modalLeft: MODAL_LEFT,
  modalNoChanges: MODAL_NO_CHANGES,
  modalOpenLog: MODAL_OPEN_LOG,
  modalReplan: MODAL_REPLAN,
  modalResultMany: MODAL_RESULT_MANY,
  modalResultOne: MODAL_RESULT_ONE,
  modalResultScore: MODAL_RESULT_SCORE,
  modalResultTitle: MODAL_RESULT_TITLE,
  modalShowReasons: MODAL_SHOW_REASONS,
  modalSkipped: MODAL_SKIPPED,
  modalStillFailing: MODAL_STILL_FAILING,
  modalTickAll: MODAL_TICK_ALL,
  modalTickAria: MODAL_TICK_ARIA,
  modalTicked: MODAL_TICKED,
  modalTitle: MODAL_TITLE,
  modalUndoDescription: MODAL_UNDO_DESCRIPTION,
  modalUndoResultTitle: MODAL_UNDO_RESULT_TITLE,
  modalUndoTitle: MODAL_UNDO_TITLE,
  modalUntickAll: MODAL_UNTICK_ALL,
  modalWarnings: MODAL_WARNINGS,
  noProblems: NO_PROBLEMS,
  noticeAppliedMany: NOTICE_APPLIED_MANY,
  noticeAppliedOne: NOTICE_APPLIED_ONE,
  openLog: OPEN_LOG,
  openSetup: OPEN_SETUP,
  passedToggle: PASSED_TOGGLE,
  permCustom: PERM_CUSTOM,
  permHint: PERM_HINT,
  pickerCurrent: PICKER_CURRENT,
  pickerHelp: PICKER_HELP,
  pickerInactive: PICKER_INACTIVE,
  pickerLastLogin: PICKER_LAST_LOGIN,
  pickerLook: PICKER_LOOK,
  pickerLookSelected: PICKER_LOOK_SELECTED,
  pickerNeverLoggedIn: PICKER_NEVER_LOGGED_IN,
  pickerNoSuggestions: PICKER_NO_SUGGESTIONS,
  pickerOther: PICKER_OTHER,
  pickerRecordLabel: PICKER_RECORD_LABEL,
  pickerRecordPlaceholder: PICKER_RECORD_PLACEHOLDER,
  pickerSaving: PICKER_SAVING,
  pickerSkipped: PICKER_SKIPPED,
  pickerSuggested: PICKER_SUGGESTED,
  pickerTitle: PICKER_TITLE,
  pickerUse: PICKER_USE,
  pickerUseSelected: PICKER_USE_SELECTED,
  problemsInSection: PROBLEMS_IN_SECTION,
  problemsInSectionOne: PROBLEMS_IN_SECTION_ONE,
  profileLicense: PROFILE_LICENSE,
  refresh: REFRESH,
  requirement: REQUIREMENT,
  retry: RETRY,
  rootCausesHelp: ROOT_CAUSES_HELP,
  rootCausesTitle: ROOT_CAUSES_TITLE,
  save: SAVE,
  saveNeeds: SAVE_NEEDS,
  scoreOf: SCORE_OF,
  scoreRangeOf: SCORE_RANGE_OF,
  scoreRangeText: SCORE_RANGE_TEXT,
  sevBlocker: SEV_BLOCKER,
  sevInfo: SEV_INFO,
  sevRecommended: SEV_RECOMMENDED,
  sevRequired: SEV_REQUIRED,
  snapshotInvalid: SNAPSHOT_INVALID,
  source: SOURCE,
  srcGroup: SRC_GROUP,
  srcPermissionSet: SRC_PERMISSION_SET,
  srcProfile: SRC_PROFILE,
  srcSession: SRC_SESSION,
  statusAtRisk: STATUS_AT_RISK,
  statusBlocked: STATUS_BLOCKED,
  statusReady: STATUS_READY,
  statusReadyIncomplete: STATUS_READY_INCOMPLETE,
  stFail: ST_FAIL,
  stNa: ST_NA,
  stPass: ST_PASS,
  stUnknown: ST_UNKNOWN,
  stWarn: ST_WARN,
  summaryCounts: SUMMARY_COUNTS,
  tabChecks: TAB_CHECKS,
  tabFixLog: TAB_FIX_LOG,
  tabLogins: TAB_LOGINS,
  tabMapping: TAB_MAPPING,
  tabSelect: TAB_SELECT,
  thisUser: THIS_USER,
  unknownCount: UNKNOWN_COUNT,
  unknownError: UNKNOWN_ERROR,
  userLine: USER_LINE,
  useThisUser: USE_THIS_USER,
  valAssigned: VAL_ASSIGNED,
  valCreated: VAL_CREATED,
  valDeleted: VAL_DELETED,
  valExists: VAL_EXISTS,
  valExpired: VAL_EXPIRED,
  valMissing: VAL_MISSING,
  valNone: VAL_NONE,
  valNotAssigned: VAL_NOT_ASSIGNED,
  valOff: VAL_OFF,
  valOn: VAL_ON,
  valRead: VAL_READ,
  valReadEdit: VAL_READ_EDIT,
  valRemoved: VAL_REMOVED,
  viewingOther: VIEWING_OTHER,
  viewLabel: VIEW_LABEL,
  viewProblems: VIEW_PROBLEMS,
  viewSections: VIEW_SECTIONS,
  whyItMatters: WHY_IT_MATTERS
} as const;

export type LabelKey = keyof typeof LABELS;

/** fill('{0} of {1}', 3, 4) -> '3 of 4'. Missing values leave the placeholder empty. */
export function fill(label: string, ...values: unknown[]): string {
  return label.replace(/\{(\d+)\}/g, (_, i: string) => {
    const v = values[Number(i)];
    return v === undefined || v === null ? '' : String(v);
  });
}
