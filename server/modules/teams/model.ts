export { createTeamBody, updateTeamBody, teamResponses } from '../../../shared/contract/teams';
