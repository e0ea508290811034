import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Chips } from '../../../components/Chips';
import { TextAreaField } from '../../../components/TextAreaField';
import { useSubmit } from '../../../hooks/useSubmit';
import { askAt } from '../../../utils/subscribe';
import { errorMessage } from '../../../api/client';
import { PROXY_MODES, type ProxyMode } from '../../../../cloudfunctions/policy/terms';

const MODE_HINT: Record<ProxyMode, string> = {
  窗口帮办: '到中心服务窗口，工作人员帮您填报、提交材料',
  上门代办: '工作人员上门收取材料，全程代为办理',
  组团联办: '多个部门组团联合上门，一次办好多件事',
};

interface Props {
  /** What is being asked for, e.g. 领取“高新技术企业礼包”. */
  what: string;
  confirmText: string;
  onConfirm: (p: { proxyMode: ProxyMode; note?: string }) => Promise<void>;
  onCancel: () => void;
}

/**
 * The confirmation step of a 红色代办 request: how the center should help (窗口帮办 / 上门代办 /
 * 组团联办) and an optional note, then one button that cannot be sent twice.
 */
export function ProxyPanel({ what, confirmText, onConfirm, onCancel }: Props) {
  const [mode, setMode] = useState<ProxyMode>('窗口帮办');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const send = useSubmit(async () => {
    setError('');
    // Inside the tap, before any await: the 诉求办理进度 messages of the 代办 demand this files.
    void askAt('requestProxy');
    try {
      await onConfirm({ proxyMode: mode, ...(note.trim() ? { note: note.trim() } : {}) });
    } catch (e) {
      setError(errorMessage(e));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">{what}</Text>
      <Text className="rp-text rp-block">提交后党群服务中心将分派专人办理，办理进度可在“我的诉求”中随时查看。</Text>
      <View className="pl-section">
        <Chips label="希望的办理方式" options={PROXY_MODES} value={mode} onChange={(v) => v && setMode(v)} />
        <Text className="rp-muted">{MODE_HINT[mode]}</Text>
      </View>
      <TextAreaField label="补充说明（选填）" value={note} onChange={setNote} maxLength={300} placeholder="如方便上门的时间、已准备好的材料等" rows={3} />
      {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
      <View className="rp-actions">
        <Button type="primary" size="large" block loading={send.loading} onClick={() => void send.run()}>
          {send.loading ? '正在提交…' : confirmText}
        </Button>
        <Button size="large" block disabled={send.loading} onClick={onCancel}>
          再想想
        </Button>
      </View>
    </View>
  );
}
